package besa.exchange.format;

import besa.access.AccessPolicy;
import besa.access.JustificationRequiredException;
import besa.access.ReadScope;
import besa.intel.model.Handling;
import besa.intel.model.InvalidValueException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * STIX import and export, and export packages, over the API (docs/exchange.md, "Formats"). Errors are
 * RFC 9457 problem details; a bad bundle lists every problem with the object and field.
 */
@RestController
class FormatsApi {
    static final MediaType STIX = MediaType.parseMediaType("application/stix+json;version=2.1");
    private static final URI BAD_BUNDLE = URI.create("urn:besa:problem:bad-stix-bundle");

    private final CyberFormats formats;
    private final AccessPolicy policy;

    FormatsApi(CyberFormats formats, AccessPolicy policy) {
        this.formats = formats;
        this.policy = policy;
    }

    /** Imports a bundle (collecting roles only); answers what was stored and what was left out. */
    @PostMapping(path = "/api/exchange/stix", consumes = {"application/json", "application/stix+json"})
    Map<String, Object> importStix(@RequestBody byte[] bundle, @RequestParam String source, @RequestParam(required = false) String title,
            @RequestParam String legalBasis, @RequestParam(required = false) String originator,
            @RequestParam(defaultValue = "X") String reliability, @RequestParam(defaultValue = "H2") String handling) {
        ReadScope scope = policy.requireCollect();
        String why = policy.justification().map(Object::toString).orElse("");
        if (reliability.length() != 1) throw new IllegalArgumentException("reliability must be A, B, C or X, not '" + reliability + "'");
        StixImport options = new StixImport(source, title, legalBasis, originator, Character.toUpperCase(reliability.charAt(0)), Handling.parse(handling));
        var r = formats.importStix(bundle, options, scope, why);
        return Map.of("source", source, "entities", r.result().rowsImported(), "entitiesAdded", r.result().entitiesAdded(),
                "statementsAdded", r.result().statementsAdded(), "skipped", r.skipped().stream().map(Object::toString).toList());
    }

    /** A source's cyber intelligence (or only {@code ids}) as a STIX bundle, as far as the user may read it. */
    @GetMapping(path = "/api/exchange/stix")
    ResponseEntity<byte[]> exportStix(@RequestParam String source, @RequestParam(required = false) List<String> ids, @RequestParam String reason) {
        ReadScope scope = policy.scope();
        byte[] bundle = policy.read(scope, s -> formats.exportStix(source, ids == null ? List.of() : ids, s, reason));
        return ResponseEntity.ok().contentType(STIX).header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"stix-bundle.json\"").body(bundle);
    }

    record PackageBody(String source, List<String> ids, String recipient, String legalBasis, String reason) {}

    /** A signed export package (ZIP) for a partner without a Besa node; it may hold persons, so it needs a justification. */
    @PostMapping(path = "/api/exchange/packages", consumes = "application/json", produces = "application/zip")
    ResponseEntity<byte[]> exportPackage(@RequestBody PackageBody body) {
        ReadScope scope = policy.scope();
        policy.requireJustification();
        var req = new CyberFormats.PackageRequest(body.source(), body.ids(), body.recipient(), body.legalBasis(), body.reason());
        byte[] zip = policy.read(scope, s -> formats.exportPackage(req, s));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"besa-export-package.zip\"").body(zip);
    }

    @ExceptionHandler(StixException.class)
    ProblemDetail badBundle(StixException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setType(BAD_BUNDLE);
        p.setTitle("The STIX bundle cannot be imported");
        p.setProperty("problems", e.problems().stream().map(x -> Map.of("index", x.index(), "id", x.id() == null ? "" : x.id(),
                "field", x.field() == null ? "" : x.field(), "reason", x.reason(), "message", x.toString())).toList());
        return p;
    }

    @ExceptionHandler({IllegalArgumentException.class, InvalidValueException.class})
    ProblemDetail badRequest(RuntimeException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Bad request");
        return p;
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missing(MissingServletRequestParameterException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the parameter '" + e.getParameterName() + "' is required");
        p.setProperty("parameter", e.getParameterName());
        return p;
    }

    @ExceptionHandler(CyberFormats.SourceNotFoundException.class)
    ProblemDetail notFound(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(JustificationRequiredException.class)
    ProblemDetail justification(JustificationRequiredException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setProperty("header", besa.access.Justification.HEADER);
        return p;
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail denied(AccessDeniedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    }
}
