package besa.audit.web;

import besa.audit.AuditAction;
import besa.audit.AuditFilter;
import besa.audit.AuditLog;
import besa.audit.AuditProofs;
import besa.audit.AuditSearch;
import besa.audit.AuditSettings;
import besa.audit.FileWitness;
import besa.audit.AuditCheckpoints;
import besa.ledger.InvalidCheckpointException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The auditors' REST access to the trail: search (newest first, keyset paging), one entry's
 * inclusion proof, and export (CSV or JSON lines, streamed). Auditors only; each call is itself
 * an audit event (CONSULTATION, or EXPORT) with the filter as its target.
 */
@RestController
class AuditTrailController {
    static final int PAGE_SIZE = 50;

    private final AuditSearch search;
    private final AuditTrailAccess access;
    private final AuditLog auditLog;
    private final AuditSettings settings;
    private final FileWitness folder;
    private final AuditCheckpoints checkpoints;

    AuditTrailController(AuditSearch search, AuditTrailAccess access, AuditLog auditLog, AuditSettings settings,
            FileWitness folder, AuditCheckpoints checkpoints) {
        this.search = search;
        this.access = access;
        this.auditLog = auditLog;
        this.settings = settings;
        this.folder = folder;
        this.checkpoints = checkpoints;
    }

    @GetMapping(path = "/api/audit/events", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> events(@RequestParam MultiValueMap<String, String> params, Authentication user, HttpServletRequest request) {
        access.requireAuditor(user, "audit trail search", request.getRemoteAddr());
        AuditFilter filter = AuditTrailAccess.filter(params);
        Long before = AuditTrailAccess.before(params.getFirst("before"));
        int size = AuditTrailAccess.size(params.getFirst("size"), PAGE_SIZE, AuditSearch.MAX_PAGE);
        access.record(user, AuditAction.CONSULTATION, filter.describe() + (before == null ? "" : " before=" + before), request.getRemoteAddr());
        AuditSearch.Page page = search.search(filter, before, size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filter", filter.describe());
        body.put("events", page.entries().stream().map(AuditExportWriter::json).toList());
        body.put("next", page.nextBefore() == null ? null : UriComponentsBuilder.fromPath("/api/audit/events")
                .queryParams(params).replaceQueryParam("before", page.nextBefore()).build().encode().toUriString());
        return body;
    }

    @GetMapping(path = "/api/audit/events/{index}/proof", produces = "text/plain")
    ResponseEntity<String> proof(@PathVariable long index, Authentication user, HttpServletRequest request)
            throws InvalidCheckpointException {
        access.requireAuditor(user, "audit entry " + index + " proof", request.getRemoteAddr());
        access.record(user, AuditAction.CONSULTATION, "audit trail: entry " + index + " (inclusion proof)", request.getRemoteAddr());
        var proof = AuditProofs.prove(auditLog, settings.origin(), folder.latest(checkpoints.verifier()), index);
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .header("X-Besa-Witnessed", Boolean.toString(proof.witnessed().isPresent()))
                .body(proof.text().toText());
    }

    @GetMapping(path = {"/api/audit/events/export", "/audit/export"})
    ResponseEntity<StreamingResponseBody> export(@RequestParam MultiValueMap<String, String> params,
            @RequestParam(defaultValue = "csv") String format, Authentication user, HttpServletRequest request) {
        access.requireAuditor(user, "audit trail export", request.getRemoteAddr());
        boolean csv = switch (format) {
            case "csv" -> true;
            case "jsonl" -> false;
            default -> throw new IllegalArgumentException("'format' must be csv or jsonl, not '" + format + "'");
        };
        AuditFilter filter = AuditTrailAccess.filter(params);
        access.record(user, AuditAction.EXPORT, filter.describe() + " format=" + format, request.getRemoteAddr());
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-trail." + format + "\"")
                .contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8) : MediaType.parseMediaType("application/x-ndjson"))
                .body(out -> {
                    try (AuditExportWriter writer = new AuditExportWriter(out, csv)) {
                        search.stream(filter, writer::accept);
                    }
                });
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Bad audit search");
        p.setType(URI.create("urn:besa:problem:bad-parameter"));
        return ResponseEntity.badRequest().body(p);
    }
}
