package besa.cli;

import besa.intel.ingest.Ingestion;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code besa export --ftm --source ID OUT.jsonl}: one source as FollowTheMoney JSON lines with provenance. */
@Command(name = "export", description = "Export one source as FollowTheMoney JSON lines.")
public class ExportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--ftm", required = true, description = "FollowTheMoney JSON lines (the only format so far).")
    boolean ftm;

    @Option(names = "--source", required = true, description = "The source id to export.")
    String source;

    @Parameters(index = "0", paramLabel = "OUT.jsonl")
    Path out;

    @Option(names = "--data-dir", description = "Folder of the embedded database (default ./data).")
    String dataDir;

    @Override
    public Integer call() throws IOException {
        String busy = Offline.busyMessage(dataDir);
        if (busy != null) {
            spec.commandLine().getErr().println("besa export: " + busy.replace("import through it", "export through it: GET /api/exports/ftm?source=ID")
                    .replace(": add --server http://localhost:8080 with an API token in BESA_TOKEN.", "."));
            return 3;
        }
        try (var ctx = Offline.start(dataDir); OutputStream o = new BufferedOutputStream(Files.newOutputStream(out))) {
            long n = ctx.getBean(Ingestion.class).exportFtm(source, o);
            spec.commandLine().getOut().printf("%s: %,d entities of source %s%n", out, n, source);
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("besa export: " + e.getMessage());
            return 1;
        }
    }
}
