package besa.vetting.web;

import besa.vetting.insider.Canaries;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of the insider-watch API as RFC 9457 problem details: which field, and why. */
@RestControllerAdvice(assignableTypes = InsiderApi.class)
class InsiderProblems {
    private final MessageSource messages;

    InsiderProblems(MessageSource messages) {
        this.messages = messages;
    }

    /** Accept-Language chooses; without it the API speaks English, as its other errors do. */
    private static Locale locale(HttpServletRequest request) {
        return request.getHeader("Accept-Language") == null ? Locale.ENGLISH : request.getLocale();
    }

    @ExceptionHandler(Canaries.Refused.class)
    ProblemDetail refused(Canaries.Refused e, HttpServletRequest request) {
        boolean missing = e.key().endsWith(".notCanary");
        ProblemDetail p = ProblemDetail.forStatusAndDetail(missing ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST,
                messages.getMessage(e.key(), null, e.getMessage(), locale(request)));
        p.setType(URI.create(missing ? "urn:besa:problem:not-found" : "urn:besa:problem:invalid-canary"));
        p.setTitle(missing ? "Not a canary" : "Canary refused");
        p.setProperty("field", e.field());
        return p;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, messages.getMessage("insider.error.body", null, locale(request)));
        p.setType(URI.create("urn:besa:problem:invalid-canary"));
        p.setTitle("Canary refused");
        return p;
    }
}
