package besa.cli;

import besa.audit.AuditAction;
import besa.audit.AuditOutcome;
import besa.audit.AuditUnavailableException;
import besa.intel.ingest.FtmDefaults;
import besa.intel.ingest.ImportOptions;
import besa.intel.ingest.ImportResult;
import besa.intel.ingest.Ingestion;
import besa.intel.ingest.Mapping;
import besa.intel.ingest.MappingException;
import besa.intel.ingest.MappingLoader;
import besa.intel.ingest.RowError;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.InvalidValueException;
import besa.intel.store.Source;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code besa import}: a CSV file with a mapping, or FollowTheMoney JSON lines, into the configured database. */
@Command(name = "import", description = "Import a CSV file with a mapping, or FollowTheMoney JSON lines (--ftm).")
public class ImportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV or JSON-lines file.")
    Path file;

    @Option(names = "--mapping", paramLabel = "M.yaml", description = "The mapping of the CSV file (see docs/ingestion.md).")
    Path mapping;

    @Option(names = "--ftm", description = "The file is FollowTheMoney JSON lines.")
    boolean ftm;

    @Option(names = "--skip-invalid", description = "Import the good rows and leave out the bad ones (default: one bad row rolls back the file).")
    boolean skipInvalid;

    @Option(names = "--rejects", paramLabel = "R.csv", description = "With --skip-invalid: write the refused rows and reasons here.")
    Path rejects;

    @Option(names = "--source", description = "FtM lines without Besa provenance: the source id.")
    String source;
    @Option(names = "--title", description = "FtM: the source title.")
    String title;
    @Option(names = "--originator", description = "FtM: the originating agency.")
    String originator;
    @Option(names = "--legal-basis", description = "FtM: the legal basis.")
    String legalBasis;
    @Option(names = "--evaluation", description = "FtM: the evaluation code, e.g. B2.")
    String evaluation;
    @Option(names = "--handling", description = "FtM: the handling code H0-H3.")
    String handling;

    @Option(names = "--server", paramLabel = "URL", description = "Import through a running Besa server's REST API instead.")
    String server;

    @Option(names = "--data-dir", description = "Folder of the embedded database (default ./data).")
    String dataDir;

    @Option(names = "--reason", description = "Why this data is collected (case or operation reference, or reason); kept in the audit trail.")
    String reason;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (ftm == (mapping != null)) {
            err.println("besa import: give either --mapping M.yaml (CSV) or --ftm (JSON lines)");
            return 2;
        }
        if (!Files.isReadable(file)) {
            err.println("besa import: cannot read " + file);
            return 2;
        }
        if (rejects != null && !skipInvalid) {
            err.println("besa import: --rejects needs --skip-invalid");
            return 2;
        }
        FtmDefaults defaults;
        Mapping m = null;
        try {
            defaults = ftmDefaults();
            if (mapping != null) {
                m = MappingLoader.load(Files.readString(mapping));
                Ingestion.check(m, file);
            }
        } catch (MappingException e) {
            err.println("besa import: " + (mapping != null ? mapping : file) + " cannot be used:");
            e.problems().forEach(p -> err.println("  - " + p));
            return 2;
        } catch (InvalidValueException e) {
            err.println("besa import: " + e.getMessage());
            return 2;
        }
        if (server != null) return new ServerImport(server, token(), out, err).run(file, mapping, ftm, skipInvalid, rejects,
                ftmParams());
        String busy = Offline.busyMessage(dataDir);
        if (busy != null) {
            err.println("besa import: " + busy);
            return 3;
        }
        ImportOptions options = new ImportOptions(skipInvalid, rejects, p -> err.println("  " + p.line()));
        try (var ctx = Offline.start(Offline.AuditedIntel.class, dataDir)) {
            String target = "import of " + file.toAbsolutePath().normalize() + (mapping != null ? " with mapping " + mapping.getFileName() : " (FtM)");
            Offline.audit(ctx, AuditAction.COLLECTION, target, reason, "", AuditOutcome.SUCCESS); // before anything is stored
            Ingestion ingestion = ctx.getBean(Ingestion.class);
            ImportResult r;
            try {
                r = ftm ? ingestion.importFtm(file, file.getFileName().toString(), defaults, options)
                        : ingestion.importCsv(file, m, options);
            } catch (RuntimeException e) {
                Offline.audit(ctx, AuditAction.COLLECTION, target, reason, "", AuditOutcome.FAILED);
                throw e;
            }
            if (r.status() == ImportResult.Status.ROLLED_BACK) Offline.audit(ctx, AuditAction.COLLECTION, target, reason, "", AuditOutcome.FAILED);
            return report(r, out, err);
        } catch (AuditUnavailableException e) {
            err.println("besa import: refused, the audit trail cannot record it: " + e.getMessage());
            return 4;
        }
    }

    /** The API token for --server: from BESA_TOKEN, or typed without echo; never an argument (ps and shell history keep those). */
    private static String token() {
        String t = System.getenv("BESA_TOKEN");
        if (t == null && System.console() != null) t = new String(System.console().readPassword("API token (besa_...): "));
        return t;
    }

    private java.util.Map<String, String> ftmParams() {
        var m = new java.util.LinkedHashMap<String, String>();
        m.put("source", source);
        m.put("title", title);
        m.put("originator", originator);
        m.put("legalBasis", legalBasis);
        m.put("evaluation", evaluation);
        m.put("handling", handling);
        return m;
    }

    private FtmDefaults ftmDefaults() {
        if (source == null) return null;
        if (originator == null || legalBasis == null || evaluation == null || handling == null) {
            throw new InvalidValueException("--source needs --originator, --legal-basis, --evaluation and --handling too");
        }
        return new FtmDefaults(new Source(source, title != null ? title : source, originator, legalBasis),
                Grading.parse(evaluation), Handling.parse(handling));
    }

    static int report(ImportResult r, PrintWriter out, PrintWriter err) {
        for (RowError e : r.errors()) err.println(e);
        if (r.errorCount() > r.errors().size()) err.println("... and " + (r.errorCount() - r.errors().size()) + " more errors");
        if (r.status() == ImportResult.Status.ROLLED_BACK) {
            err.printf("besa import: %s has %,d bad rows; nothing was imported (rolled back). Fix them, or use --skip-invalid.%n",
                    r.file(), r.rowsRejected());
            return 1;
        }
        out.printf("%s: %,d rows (%,d imported, %,d rejected) in %.1f s, %,.0f rows/s; %,d new entities, %,d new statements, %,d retired, %,d restored%n",
                r.file(), r.rows(), r.rowsImported(), r.rowsRejected(), r.seconds(), r.rowsPerSecond(), r.entitiesAdded(),
                r.statementsAdded(), r.statementsRetired(), r.statementsRestored());
        return 0;
    }
}
