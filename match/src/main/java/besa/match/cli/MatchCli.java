package besa.match.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Stand-alone entry point: {@code java -cp ... besa.match.cli.MatchCli link|dedupe ...}. No Spring. */
@Command(name = "besa", mixinStandardHelpOptions = true, description = "Besa matching engine.",
        subcommands = {LinkCommand.class, DedupeCommand.class})
public final class MatchCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with both subcommands and the error handling the contract requires. */
    public static CommandLine commandLine() {
        return Cli.configure(new CommandLine(new MatchCli()));
    }

    /** Applies link's and dedupe's converters and exit-status rules to a launcher that hosts them. */
    public static CommandLine configure(CommandLine hosting) {
        return Cli.configure(hosting);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is needed: link or dedupe");
    }
}
