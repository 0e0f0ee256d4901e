package besa.exchange.partner.web;

import besa.exchange.partner.PartnerAdmin;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of the partner registry API as RFC 9457 problem details, with the field at fault. */
@RestControllerAdvice(assignableTypes = {PartnersApi.class, PermissionsApi.class})
class PartnersProblems {
    @ExceptionHandler(PartnerAdmin.Refused.class)
    ProblemDetail refused(PartnerAdmin.Refused e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        p.setType(URI.create("urn:besa:problem:exchange-partner-" + e.status().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        p.setTitle("Partner registry change refused");
        if (e.field() != null) p.setProperty("field", e.field());
        return p;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the body must be a JSON object (see docs/exchange.md, \"Partner registry pages\")");
        p.setType(URI.create("urn:besa:problem:exchange-partner-bad-request"));
        p.setTitle("Partner registry change refused");
        return p;
    }
}
