package besa.api;

import besa.access.AccessPolicy;
import besa.access.ReadScope;
import besa.intel.ingest.FtmDefaults;
import besa.intel.ingest.ImportJob;
import besa.intel.ingest.ImportJobs;
import besa.intel.ingest.Ingestion;
import besa.intel.ingest.MappingLoader;
import besa.intel.ingest.RowError;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.store.Source;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Imports (CSV with a mapping, or FtM JSON lines) as background jobs, and FtM exports. */
@RestController
public class ImportApi {
    private final ImportJobs jobs;
    private final Ingestion ingestion;
    private final AccessPolicy policy;

    public ImportApi(ImportJobs jobs, Ingestion ingestion, AccessPolicy policy) {
        this.jobs = jobs;
        this.ingestion = ingestion;
        this.policy = policy;
    }

    /** A job as the API shows it; {@code errors} is one page of the refused rows. */
    public record JobStatus(String id, String file, String state, String phase, long rows, double seconds, double rowsPerSecond,
            Double etaSeconds, Long rowsImported, Long rowsRejected, Long entitiesAdded, Long statementsAdded,
            Long statementsRetired, String failure, ErrorPage errors) {}

    public record ErrorPage(int page, int size, long total, List<RowError> items) {}

    /**
     * Starts an import. Send the parts {@code file} and either {@code mapping} (the YAML mapping file)
     * or {@code format=ftm}. For plain FtM lines without Besa provenance give source, originator,
     * legalBasis, evaluation and handling.
     */
    @PostMapping(path = "/api/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<JobStatus> start(@RequestPart("file") MultipartFile file,
            @RequestPart(name = "mapping", required = false) MultipartFile mapping,
            @RequestParam(defaultValue = "csv") String format,
            @RequestParam(defaultValue = "false") boolean skipInvalid,
            @RequestParam(required = false) String source, @RequestParam(required = false) String title,
            @RequestParam(required = false) String originator, @RequestParam(required = false) String legalBasis,
            @RequestParam(required = false) String evaluation, @RequestParam(required = false) String handling,
            Principal user) throws IOException {
        ImportJob job = start(jobs, file, mapping, format, skipInvalid, source, title, originator, legalBasis, evaluation, handling,
                importer(policy));
        return ResponseEntity.accepted().location(URI.create("/api/imports/" + job.id())).body(status(job, 0, 50));
    }

    /**
     * The current user as an importer, or 403: only collecting roles import ({@link AccessPolicy#mayCollect()}),
     * and the job touches only what he may read. Shared with the import page.
     */
    public static ImportJobs.Importer importer(AccessPolicy policy) {
        ReadScope scope = policy.requireCollect();
        String why;
        try {
            why = policy.justification().map(Object::toString).orElse("");
        } catch (besa.access.JustificationRequiredException e) {
            throw new BadImportRequest(besa.access.Justification.HEADER, e.getMessage());
        }
        return new ImportJobs.Importer(scope, why);
    }

    /** Shared with the import page: validates what it can up front, then queues the job. */
    public static ImportJob start(ImportJobs jobs, MultipartFile file, MultipartFile mapping, String format, boolean skipInvalid,
            String source, String title, String originator, String legalBasis, String evaluation, String handling,
            ImportJobs.Importer importer) throws IOException {
        if (file == null || file.isEmpty()) throw new BadImportRequest("file", "the file is missing or empty");
        String name = safeName(file.getOriginalFilename());
        boolean ftm = "ftm".equalsIgnoreCase(format);
        if (!ftm && !"csv".equalsIgnoreCase(format)) throw new BadImportRequest("format", "format must be csv or ftm, not '" + format + "'");
        if (!ftm && (mapping == null || mapping.isEmpty())) throw new BadImportRequest("mapping", "a CSV import needs a mapping (YAML)");
        var parsed = ftm ? null : MappingLoader.load(new String(mapping.getBytes(), StandardCharsets.UTF_8));
        FtmDefaults defaults = null;
        if (ftm && source != null && !source.isBlank()) {
            if (blank(originator) || blank(legalBasis) || blank(evaluation) || blank(handling)) {
                throw new BadImportRequest("source", "with source give originator, legalBasis, evaluation and handling too");
            }
            defaults = new FtmDefaults(new Source(source.strip(), blank(title) ? source.strip() : title, originator, legalBasis),
                    Grading.parse(evaluation), Handling.parse(handling));
        }
        Path upload = Files.createTempFile("besa-upload", ftm ? ".jsonl" : ".csv");
        try {
            file.transferTo(upload);
            return ftm ? jobs.startFtm(upload, name, defaults, skipInvalid, importer) : jobs.startCsv(upload, name, parsed, skipInvalid, importer);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(upload);
            throw e;
        }
    }

    @GetMapping("/api/imports/{id}")
    public JobStatus job(@PathVariable String id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size, Principal user) {
        return status(owned(jobs, id, user.getName()), page, size);
    }

    /** The refused rows with reasons (only for imports with skipInvalid that refused some). */
    @GetMapping(path = "/api/imports/{id}/rejects", produces = "text/csv")
    public ResponseEntity<Resource> rejects(@PathVariable String id, Principal user) {
        ImportJob job = owned(jobs, id, user.getName());
        if (job.rejects() == null) throw new NotFound("import " + id + " has no rejected rows");
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"rejects.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8)).body(new FileSystemResource(job.rejects()));
    }

    /** One source's active statements as FollowTheMoney JSON lines, streamed. */
    @GetMapping(path = "/api/exports/ftm", produces = "application/x-ndjson")
    public ResponseEntity<StreamingResponseBody> exportFtm(@RequestParam String source) {
        ReadScope scope = policy.scope();
        if (ingestion.sourceReadable(source, scope)) {
            policy.requireJustification(); // a source's dump holds persons
            return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + safeName(source) + ".jsonl\"")
                    .body(out -> policy.read(scope, s -> ingestion.exportFtm(source, out, s)));
        }
        throw new NotFound("there is no source '" + source + "'");
    }

    /** A job of this user, or 404 (another user's job is not revealed). */
    public static ImportJob owned(ImportJobs jobs, String id, String user) {
        return jobs.find(id).filter(j -> j.owner().equals(user)).orElseThrow(() -> new NotFound("there is no import " + id));
    }

    public static JobStatus status(ImportJob job, int page, int size) {
        if (page < 0 || size < 1 || size > 1000) throw new BadImportRequest("page", "page must be >= 0 and size 1 to 1000");
        var p = job.progress();
        var r = job.result();
        List<RowError> all = r == null ? List.of() : r.errors();
        int from = (int) Math.min((long) page * size, all.size());
        ErrorPage errors = new ErrorPage(page, size, r == null ? 0 : r.errorCount(), all.subList(from, Math.min(from + size, all.size())));
        return new JobStatus(job.id(), job.file(), job.state().name(), p.phase(), p.rows(), p.seconds(), p.rowsPerSecond(), p.etaSeconds(),
                r == null ? null : r.rowsImported(), r == null ? null : r.rowsRejected(), r == null ? null : r.entitiesAdded(),
                r == null ? null : r.statementsAdded(), r == null ? null : r.statementsRetired(), job.failure(), errors);
    }

    private static String safeName(String name) {
        String n = name == null ? "upload" : Path.of(name.replace('\\', '/')).getFileName().toString();
        return n.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A request the import cannot start from; {@code field} says which part is wrong. */
    public static class BadImportRequest extends RuntimeException {
        final String field;

        BadImportRequest(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    public static class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }
}
