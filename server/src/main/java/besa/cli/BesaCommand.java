package besa.cli;

import besa.match.cli.DedupeCommand;
import besa.match.cli.LinkCommand;
import besa.match.cli.MatchCli;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code besa} command and its subcommands. */
@Command(name = "besa", mixinStandardHelpOptions = true, version = "Besa 0.1",
        description = "Criminal-intelligence and integrity platform.",
        subcommands = {ServeCommand.class, DemoCommand.class, ImportCommand.class, ExportCommand.class,
            LinkCommand.class, DedupeCommand.class, AuditCommand.class, BenchCommand.class, VerifyPackageCommand.class})
public class BesaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static CommandLine commandLine() {
        // link and dedupe come from the match library and bring their converters and exit-status rules.
        return MatchCli.configure(new CommandLine(new BesaCommand()).setCaseInsensitiveEnumValuesAllowed(true));
    }

    /** True for the commands that leave a server running after main returns. */
    public static boolean keepsRunning(String[] args) {
        return args.length > 0 && (args[0].equals("serve") || args[0].equals("demo"));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
