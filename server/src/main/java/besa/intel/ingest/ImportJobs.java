package besa.intel.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Imports started from the API or the pages run here in the background, one at a time (they are
 * write-heavy and the machine is small); the most recent jobs stay queryable in memory.
 */
@Service
public class ImportJobs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);
    private static final int KEEP = 200;

    private final Ingestion ingestion;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("besa-import-", 0).factory());
    private final Map<String, ImportJob> jobs = new LinkedHashMap<>();

    public ImportJobs(Ingestion ingestion) {
        this.ingestion = ingestion;
    }

    /**
     * Starts importing an uploaded CSV file (the job owns {@code upload} and deletes it when done).
     * The mapping is checked against the header first: a {@link MappingException} means nothing started.
     */
    public ImportJob startCsv(Path upload, String fileName, Mapping mapping, boolean skipInvalid, Importer importer) {
        Ingestion.check(mapping, upload);
        return start(upload, fileName, skipInvalid, importer, (job, options) -> ingestion.importCsv(upload, fileName, mapping, options));
    }

    /** Starts importing uploaded FtM JSON lines; {@code defaults} may be null when the lines carry Besa provenance. */
    public ImportJob startFtm(Path upload, String fileName, FtmDefaults defaults, boolean skipInvalid, Importer importer) {
        return start(upload, fileName, skipInvalid, importer, (job, options) -> ingestion.importFtm(upload, fileName, defaults, options));
    }

    /**
     * Who imports: the user's scope (from {@link besa.access.AccessPolicy#requireCollect()}; the import touches only
     * what it allows) and his justification for the audit trail (empty when none).
     */
    public record Importer(besa.access.ReadScope scope, String justification) {
        public Importer {
            if (scope == null || scope.isSystem() || scope.readsNothing()) throw new IllegalArgumentException("an import job runs in a user's scope");
        }
    }

    public Optional<ImportJob> find(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    private interface Work {
        ImportResult run(ImportJob job, ImportOptions options);
    }

    private ImportJob start(Path upload, String fileName, boolean skipInvalid, Importer importer, Work work) {
        String owner = importer.scope().username();
        Path rejects;
        try {
            rejects = skipInvalid ? Files.createTempFile("besa-rejects", ".csv") : null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary rejects file", e);
        }
        ImportJob job = new ImportJob(UUID.randomUUID().toString(), fileName, owner, rejects);
        synchronized (jobs) {
            jobs.put(job.id(), job);
            while (jobs.size() > KEEP) {
                ImportJob old = jobs.values().iterator().next();
                jobs.remove(old.id());
                deleteQuietly(old.rejects());
            }
        }
        runner.execute(() -> {
            job.running();
            try {
                job.done(work.run(job, new ImportOptions(skipInvalid, rejects, job::progress, importer.scope(), importer.justification())));
            } catch (MappingException e) {
                job.failed(String.join("; ", e.problems()));
            } catch (RuntimeException e) {
                log.warn("import job {} failed: {}", job.id(), e.getClass().getSimpleName());
                job.failed(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
            } finally {
                deleteQuietly(upload);
            }
        });
        return job;
    }

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
