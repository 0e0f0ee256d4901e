package besa.vetting.web;

import besa.vetting.casefile.CaseExport;
import besa.vetting.casefile.CaseFile;
import besa.vetting.casefile.CaseRefused;
import besa.vetting.casefile.Cases;
import besa.vetting.casefile.EvidenceKind;
import besa.vetting.casefile.Outcome;
import besa.vetting.casefile.Pillar;
import besa.vetting.casefile.PillarFinding;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/vetting/cases}: the case files for the vetting unit's clients. A case the caller may
 * not see (not a member, or about himself) answers 404 like a missing one. Errors are problem
 * details ({@link CaseProblems}).
 */
@RestController
@RequestMapping("/api/vetting/cases")
class CaseApi {
    /** Header carrying the SHA-256 of the export's manifest.json (also printed in its report.pdf). */
    static final String MANIFEST_HEADER = "X-Besa-Manifest-SHA256";
    static final String REPORT_HEADER = "X-Besa-Report-SHA256";

    private final Cases cases;

    CaseApi(Cases cases) {
        this.cases = cases;
    }

    record Open(String officerId, Long alertId, String reason) {}

    record Member(String username, String reason) {}

    /** {@code text} for a note; {@code contentBase64} for a file (title = its name); {@code reference} for an alert or entity. */
    record NewEvidence(String pillar, String kind, String reference, String title, String text, String contentBase64) {}

    record Finding(String finding, String reasoning) {}

    record Close(String outcome, String reason) {}

    record Export(String recipient, String reason) {}

    @GetMapping
    List<CaseFile.Summary> list(HttpServletRequest http) {
        return cases.mine(http.getRemoteAddr());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CaseFile.Summary open(@RequestBody Open body, HttpServletRequest http) {
        return cases.open(body.officerId(), body.alertId(), body.reason(), http.getRemoteAddr());
    }

    @GetMapping("/{id}")
    CaseFile one(@PathVariable long id, HttpServletRequest http) {
        return cases.find(id, http.getRemoteAddr());
    }

    @PostMapping("/{id}/members")
    ResponseEntity<Void> addMember(@PathVariable long id, @RequestBody Member body, HttpServletRequest http) {
        cases.addMember(id, body.username(), body.reason(), http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    /** The reason comes as the query parameter {@code reason} (a DELETE has no body). */
    @DeleteMapping("/{id}/members/{username}")
    ResponseEntity<Void> removeMember(@PathVariable long id, @PathVariable String username, @RequestParam(required = false) String reason,
                                      HttpServletRequest http) {
        cases.removeMember(id, username, reason, http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/{id}/evidence", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    CaseFile.Evidence addEvidence(@PathVariable long id, @RequestBody NewEvidence body, HttpServletRequest http) {
        EvidenceKind kind = CaseForms.choice(EvidenceKind.class, "kind", body.kind());
        byte[] content = null;
        if (kind == EvidenceKind.NOTE && body.text() != null) content = body.text().getBytes(StandardCharsets.UTF_8);
        if (kind == EvidenceKind.FILE && body.contentBase64() != null) {
            try {
                content = Base64.getDecoder().decode(body.contentBase64().strip());
            } catch (IllegalArgumentException e) {
                throw new CaseRefused(CaseRefused.Kind.INVALID, "contentBase64", "base64");
            }
        }
        return cases.addEvidence(id, new Cases.NewEvidence(CaseForms.choice(Pillar.class, "pillar", body.pillar()), kind, body.reference(),
                body.title(), content), http.getRemoteAddr());
    }

    /** A file as multipart form data: parts {@code pillar}, {@code file} and optionally {@code title}. */
    @PostMapping(path = "/{id}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    CaseFile.Evidence addFile(@PathVariable long id, @RequestParam(required = false) String pillar, @RequestPart MultipartFile file,
                              @RequestParam(required = false) String title, HttpServletRequest http) throws IOException {
        String name = title != null && !title.isBlank() ? title : file.getOriginalFilename();
        if (file.getSize() > Cases.MAX_FILE_BYTES) throw new CaseRefused(CaseRefused.Kind.INVALID, "file", "fileTooLarge", Cases.MAX_FILE_BYTES / (1024 * 1024));
        return cases.addEvidence(id, new Cases.NewEvidence(CaseForms.choice(Pillar.class, "pillar", pillar), EvidenceKind.FILE, null,
                name, file.getBytes()), http.getRemoteAddr());
    }

    @PutMapping("/{id}/pillars/{pillar}")
    ResponseEntity<Void> decide(@PathVariable long id, @PathVariable String pillar, @RequestBody Finding body, HttpServletRequest http) {
        cases.decide(id, CaseForms.choice(Pillar.class, "pillar", pillar), CaseForms.choice(PillarFinding.class, "finding", body.finding()),
                body.reasoning(), http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/outcome")
    ResponseEntity<Void> close(@PathVariable long id, @RequestBody Close body, HttpServletRequest http) {
        cases.close(id, CaseForms.choice(Outcome.class, "outcome", body.outcome()), body.reason(), http.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/export")
    ResponseEntity<byte[]> export(@PathVariable long id, @RequestBody Export body, HttpServletRequest http) {
        Locale locale = http.getHeader("Accept-Language") == null ? Locale.ENGLISH : http.getLocale();
        return zip(cases.export(id, body.recipient(), body.reason(), locale, http.getRemoteAddr()));
    }

    static ResponseEntity<byte[]> zip(CaseExport.Export x) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(x.filename()).build().toString())
                .header(MANIFEST_HEADER, x.manifestSha256())
                .header(REPORT_HEADER, x.reportSha256())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(x.zip());
    }
}
