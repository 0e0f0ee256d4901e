package besa.match.cli;

import besa.match.data.InputException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** What link and dedupe share: the options common to both, and bad input exiting with 2 under any launcher. */
abstract class MatchCommand implements Callable<Integer> {
    @Option(names = "--threshold", paramLabel = "P", description = "Minimum match probability (default: the engine's calibrated 0.5).")
    Double threshold;
    @Option(names = "--judgements", paramLabel = "judgements.csv",
            description = "Pairs already judged: CSV id_a,id_b,verdict (positive|negative). Positives are always linked, negatives never.")
    Path judgements;
    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        try {
            return run();
        } catch (InputException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("besa " + spec.name() + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return Cli.USAGE;
        }
    }

    abstract Integer run();
}
