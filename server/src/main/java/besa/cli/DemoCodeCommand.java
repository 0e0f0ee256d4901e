package besa.cli;

import besa.demo.DemoAccounts;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints the current TOTP code of a demo account, for a demo without an authenticator app. */
@Command(name = "code", description = "Print the current second-factor (TOTP) code of a demo account, from data/demo-accounts.txt.")
public class DemoCodeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<username>", description = "A demo account: analyst, vetting, liaison, commander, training, auditor, admin.")
    String username;

    @Option(names = "--data-dir", description = "Data folder of the demo (default ./data).", defaultValue = "./data")
    Path dataDir;

    Clock clock = Clock.systemUTC();

    @Override
    public void run() {
        try {
            spec.commandLine().getOut().println(DemoAccounts.currentCode(dataDir, username, clock));
            spec.commandLine().getOut().flush();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
