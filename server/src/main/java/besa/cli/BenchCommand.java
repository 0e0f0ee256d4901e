package besa.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** End-to-end benchmarks against the configured database; each area adds its own subcommand. */
@Command(name = "bench", description = "Run an end-to-end benchmark and print its figures.",
        subcommands = {IngestBenchCommand.class, SearchBenchCommand.class, AuditBenchCommand.class, PolicyBenchCommand.class,
            ScreeningBenchCommand.class})
public class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
