package besa.cli;

import besa.audit.AuditAction;
import besa.audit.AuditOutcome;
import besa.audit.AuditUnavailableException;
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

    @Option(names = "--reason", required = true,
            description = "Why the data leaves Besa (case or operation reference, or reason); kept in the audit trail.")
    String reason;

    @Override
    public Integer call() throws IOException {
        String busy = Offline.busyMessage(dataDir);
        if (busy != null) {
            spec.commandLine().getErr().println("besa export: " + busy.replace("import through it", "export through it: GET /api/exports/ftm?source=ID")
                    .replace(": add --server http://localhost:8080 with an API token in BESA_TOKEN.", "."));
            return 3;
        }
        if (reason.isBlank()) {
            spec.commandLine().getErr().println("besa export: --reason must say why the data leaves Besa");
            return 2;
        }
        try (var ctx = Offline.start(Offline.AuditedIntel.class, dataDir)) {
            Ingestion ingestion = ctx.getBean(Ingestion.class);
            if (!ingestion.sourceExists(source)) throw new IllegalArgumentException("there is no source '" + source + "'");
            String target = "source " + source + " as FtM to " + out.toAbsolutePath().normalize();
            // Disclosure to the operating-system user who runs the command, recorded before any data is written.
            Offline.audit(ctx, AuditAction.DISCLOSURE, target, reason, Offline.osUser(), AuditOutcome.SUCCESS);
            try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(out))) {
                long n = ingestion.exportFtm(source, o);
                spec.commandLine().getOut().printf("%s: %,d entities of source %s%n", out, n, source);
                return 0;
            }
        } catch (AuditUnavailableException e) {
            spec.commandLine().getErr().println("besa export: refused, the audit trail cannot record it: " + e.getMessage());
            return 4;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("besa export: " + e.getMessage());
            return 1;
        }
    }
}
