package besa.exchange.hit;

import besa.access.JustificationRequiredException;
import besa.exchange.SharingRefusedException;
import java.net.URI;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of the hit and cross-match API as RFC 9457 problem details: what, which field (or CSV lines), why. */
@RestControllerAdvice(assignableTypes = {HitApi.class, CrossMatchApi.class})
class HitProblems {
    @ExceptionHandler(HitRefused.class)
    ProblemDetail refused(HitRefused e) {
        ProblemDetail p = problem(e.status, e.getMessage());
        if (e.field != null) p.setProperty("field", e.field);
        return p;
    }

    @ExceptionHandler(ListCsv.Invalid.class)
    ProblemDetail badLines(ListCsv.Invalid e) {
        ProblemDetail p = problem(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setProperty("field", "csv");
        p.setProperty("errors", e.errors);
        return p;
    }

    @ExceptionHandler({IllegalArgumentException.class, JustificationRequiredException.class})
    ProblemDetail bad(RuntimeException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail notPending(IllegalStateException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(NoSuchElementException.class)
    ProblemDetail notFound(NoSuchElementException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(SharingRefusedException.class)
    ProblemDetail notAllowed(SharingRefusedException e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "the body must be JSON (see docs/exchange.md, Hit/no-hit and cross-matching, REST)");
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(URI.create("urn:besa:problem:exchange-hits-" + status.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        p.setTitle("Hit/no-hit or cross-match request refused");
        return p;
    }
}
