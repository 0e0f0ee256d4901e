package besa.intel.ingest;

import besa.access.ReadScope;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.intel.ingest.ImportResult.Status;
import besa.intel.store.BulkWriter;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import besa.platform.CsvCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports CSV files (with a {@link Mapping}) and FollowTheMoney JSON lines, and exports a source as
 * FollowTheMoney JSON lines. Each file is imported in one transaction: by default one bad row rolls
 * back the whole file; with {@code skipInvalid} the good rows are kept and the bad ones reported.
 */
@Service
public class Ingestion {
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

    private final IntelStore store;
    private final TransactionTemplate tx;
    private final FtmExport ftmExport;
    /** Absent in the offline command line's context, which imports with system rights only. */
    private final org.springframework.beans.factory.ObjectProvider<AuditLog> audit;
    /** Tells listeners (the screening) what changed; they act after the commit, so a rollback tells nothing. */
    private final ApplicationEventPublisher events;

    public Ingestion(IntelStore store, PlatformTransactionManager tm, FtmExport ftmExport,
            org.springframework.beans.factory.ObjectProvider<AuditLog> audit, ApplicationEventPublisher events) {
        this.store = store;
        this.tx = new TransactionTemplate(tm);
        this.ftmExport = ftmExport;
        this.audit = audit;
        this.events = events;
    }

    /** The header of a CSV file, to check a mapping against before a long import starts. */
    public static List<String> header(Path csv) {
        try (Reader r = reader(Files.newInputStream(csv)); CSVParser p = CSV.parse(r)) {
            return p.getHeaderNames();
        } catch (IOException | UncheckedIOException e) {
            throw new MappingException(List.of("cannot read the CSV header of " + csv.getFileName() + ": " + e.getMessage()));
        }
    }

    /** Checks the mapping against the file's header; throws {@link MappingException} listing every missing column. */
    public static void check(Mapping mapping, Path csv) {
        List<String> problems = mapping.checkHeader(header(csv));
        if (!problems.isEmpty()) throw new MappingException(problems);
    }

    public ImportResult importCsv(Path csv, Mapping mapping, ImportOptions options) {
        return importCsv(csv, csv.getFileName().toString(), mapping, options);
    }

    /** Imports a CSV file; {@code name} is the file name used in reports. */
    public ImportResult importCsv(Path csv, String name, Mapping mapping, ImportOptions options) {
        check(mapping, csv);
        Meter meter = new Meter(size(csv), options.progress());
        CsvRows rows = new CsvRows(mapping, name);
        var o = mapping.source();
        ImportResult result = tx.execute(status -> {
            store.applyScope(options.scope());
            writeSource(new Source(o.id(), o.title(), o.originator(), o.legalBasis()), options.scope());
            BulkWriter writer = store.bulkWriter(options.scope());
            try (Reader r = reader(meter.count(Files.newInputStream(csv))); CSVParser parser = CSV.parse(r);
                    Rejects rejects = Rejects.open(options, parser.getHeaderNames())) {
                long row = 1;
                for (CSVRecord rec : parser) {
                    row++;
                    meter.row();
                    CsvRows.Result built = rows.build(row, column -> rec.isSet(column) ? rec.get(column) : null);
                    List<RowError> errors = built.errors().isEmpty() ? aboveClearance(name, row, built.records(), options.scope()) : built.errors();
                    if (errors.isEmpty()) {
                        meter.imported++;
                        if (meter.errorCount == 0 || options.skipInvalid()) built.records().forEach(writer::add);
                    } else {
                        meter.rejected++;
                        errors.forEach(meter::error);
                        rejects.write(rec.values(), errors);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
            }
            return finish(name, List.of(o.id()), writer, meter, options, status);
        });
        return result;
    }

    /** Imports FollowTheMoney JSON lines; lines without Besa provenance take it from {@code defaults}. */
    public ImportResult importFtm(Path jsonl, String name, FtmDefaults defaults, ImportOptions options) {
        Meter meter = new Meter(size(jsonl), options.progress());
        FtmReader reader = new FtmReader(name, defaults);
        java.util.Set<String> touched = new java.util.TreeSet<>();
        return tx.execute(status -> {
            store.applyScope(options.scope());
            if (defaults != null) {
                writeSource(defaults.source(), options.scope());
                touched.add(defaults.source().id());
            }
            BulkWriter writer = store.bulkWriter(options.scope());
            try (BufferedReader in = new BufferedReader(reader(meter.count(Files.newInputStream(jsonl))));
                    Rejects rejects = Rejects.open(options, List.of("line"))) {
                String line;
                long n = 0;
                while ((line = in.readLine()) != null) {
                    n++;
                    if (line.isBlank()) continue;
                    meter.row();
                    FtmReader.Result r = reader.read(n, line);
                    List<RowError> errors = r.errors().isEmpty() ? aboveClearance(name, n, List.of(r.record()), options.scope()) : r.errors();
                    if (errors.isEmpty()) {
                        meter.imported++;
                        for (Source s : r.sources()) {
                            if (reader.firstTime(s.id())) writeSource(s, options.scope());
                            touched.add(s.id());
                        }
                        if (meter.errorCount == 0 || options.skipInvalid()) writer.add(r.record());
                    } else {
                        meter.rejected++;
                        errors.forEach(meter::error);
                        rejects.write(List.of(line), errors);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
            }
            return finish(name, List.copyOf(touched), writer, meter, options, status);
        });
    }

    /**
     * The application's own imports (offline command line) save sources as given, updating existing ones. A
     * user's import may write only to a source he may read, and never changes an existing source's title,
     * originator or legal basis (it adds the source if there is none).
     */
    private void writeSource(Source s, ReadScope scope) {
        if (scope.isSystem()) {
            store.saveSource(s);
            return;
        }
        if (!scope.mayReadSource(s.id())) throw new BulkWriter.WriteRefusedException(BulkWriter.sourceRefusal(s.id()));
        store.addSource(s);
    }

    /** A user may not write statements above his handling clearance (he could not read them back). */
    private static List<RowError> aboveClearance(String file, long row, List<EntityRecord> records, ReadScope scope) {
        if (scope.isSystem()) return List.of();
        for (EntityRecord r : records) {
            for (var st : r.statements()) {
                int level = st.provenance().handling().level();
                if (level > scope.clearance()) {
                    return List.of(new RowError(file, row, null, "handling code H" + level + " is above your clearance (H" + scope.clearance() + ")"));
                }
            }
        }
        return List.of();
    }

    public boolean sourceExists(String sourceId) {
        return store.source(sourceId).isPresent();
    }

    /** Writes the active statements of one source as FollowTheMoney JSON lines; returns the number of entities. */
    public long exportFtm(String sourceId, OutputStream out) {
        return ftmExport.export(sourceId, out, besa.access.ReadScope.system());
    }

    /** As {@link #exportFtm(String, OutputStream)}, only what {@code scope} may read. */
    public long exportFtm(String sourceId, OutputStream out, besa.access.ReadScope scope) {
        return ftmExport.export(sourceId, out, scope);
    }

    /** Whether the source exists and {@code scope} may read it (the two are not told apart). */
    public boolean sourceReadable(String sourceId, besa.access.ReadScope scope) {
        return !scope.readsNothing() && scope.mayReadSource(sourceId) && sourceExists(sourceId);
    }

    private ImportResult finish(String name, List<String> sources, BulkWriter writer, Meter meter, ImportOptions options,
            org.springframework.transaction.TransactionStatus status) {
        if (meter.errorCount > 0 && !options.skipInvalid()) {
            status.setRollbackOnly();
            meter.phase("rolled back");
            return result(name, Status.ROLLED_BACK, meter, new BulkWriter.Result(0, 0, 0, 0));
        }
        meter.phase("writing");
        BulkWriter.Result w = writer.finish(true);
        audit(name, sources, w, options);
        events.publishEvent(writer.changes()); // inside the transaction: transactional listeners hear it after the commit
        meter.phase("done");
        return result(name, Status.COMPLETED, meter, w);
    }

    /**
     * A user's import is audited inside its transaction: if the audit trail cannot take the event, the
     * import rolls back (fail closed). COLLECTION names the file, sources and counts; ALTERATION is added
     * when statements were retired or restored (retiring keeps the rows: it is no erasure).
     */
    private void audit(String name, List<String> sources, BulkWriter.Result w, ImportOptions options) {
        ReadScope scope = options.scope();
        if (scope.isSystem()) return;
        AuditLog audit = this.audit.getIfAvailable();
        if (audit == null) throw new besa.audit.AuditUnavailableException("a user's import needs the audit trail, and there is none here", null);
        String what = "import " + name + " into source " + String.join(", ", sources);
        audit.record(new AuditEvent(scope.username(), AuditAction.COLLECTION, what + ": " + w.entitiesAdded() + " entities added, "
                + w.statementsAdded() + " statements added", options.justification(), "", AuditOutcome.SUCCESS, ""));
        if (w.statementsRetired() > 0 || w.statementsRestored() > 0) {
            audit.record(new AuditEvent(scope.username(), AuditAction.ALTERATION, what + ": " + w.statementsRetired() + " statements retired, "
                    + w.statementsRestored() + " restored", options.justification(), "", AuditOutcome.SUCCESS, ""));
        }
    }

    private static ImportResult result(String name, Status status, Meter m, BulkWriter.Result w) {
        long imported = status == Status.COMPLETED ? m.imported : 0;
        return new ImportResult(name, status, m.rows, imported, m.rejected, List.copyOf(m.errors), m.errorCount,
                w.entitiesAdded(), w.statementsAdded(), w.statementsRetired(), w.statementsRestored(), m.seconds());
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    /** UTF-8, with a byte-order mark (as spreadsheets write it) skipped. */
    static Reader reader(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        r.mark(1);
        if (r.read() != '\uFEFF') r.reset();
        return r;
    }

    /** The rejects file: the original row, then where and why it was refused. */
    private static final class Rejects implements AutoCloseable {
        private final CSVPrinter out;

        private Rejects(CSVPrinter out) {
            this.out = out;
        }

        static Rejects open(ImportOptions o, List<String> header) throws IOException {
            if (!o.skipInvalid() || o.rejects() == null) return new Rejects(null);
            List<String> h = new ArrayList<>(header);
            h.addAll(List.of("reject_row", "reject_column", "reject_reason"));
            h.replaceAll(CsvCells::neutral); // the header came from the uploaded file too
            Writer w = Files.newBufferedWriter(o.rejects(), StandardCharsets.UTF_8);
            return new Rejects(new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(h.toArray(String[]::new)).get()));
        }

        void write(Iterable<String> values, List<RowError> errors) throws IOException {
            if (out == null) return;
            List<String> row = new ArrayList<>();
            values.forEach(row::add);
            row.add(Long.toString(errors.getFirst().row()));
            row.add(String.join("; ", errors.stream().map(e -> e.column() == null ? "" : e.column()).toList()));
            row.add(String.join("; ", errors.stream().map(RowError::reason).toList()));
            // The refused rows are the uploaded file's own text: a cell starting a formula is neutralised.
            out.printRecord(row.stream().map(CsvCells::neutral).toList());
        }

        void write(String[] values, List<RowError> errors) throws IOException {
            write(List.of(values), errors);
        }

        @Override
        public void close() throws IOException {
            if (out != null) out.close();
        }
    }
}
