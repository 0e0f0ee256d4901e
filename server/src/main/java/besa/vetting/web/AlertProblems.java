package besa.vetting.web;

import besa.vetting.alert.AlertRefused;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refusals of the alerts API as RFC 9457 problem details: what was refused ({@code value}), where
 * ({@code field}) and why ({@code detail}, in the caller's Accept-Language, English without one).
 */
@RestControllerAdvice(assignableTypes = AlertApi.class)
class AlertProblems {
    private final MessageSource messages;

    AlertProblems(MessageSource messages) {
        this.messages = messages;
    }

    private static Locale locale(HttpServletRequest request) {
        return request.getHeader("Accept-Language") == null ? Locale.ENGLISH : request.getLocale();
    }

    @ExceptionHandler(AlertRefused.class)
    ProblemDetail refused(AlertRefused e, HttpServletRequest request) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale(request)));
        p.setType(URI.create("urn:besa:problem:vetting-alert-" + e.code().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT)));
        p.setTitle(status == HttpStatus.NOT_FOUND ? "Not found" : "Alert request refused");
        if (e.field() != null) p.setProperty("field", e.field());
        if (e.value() != null) p.setProperty("value", e.value());
        return p;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, messages.getMessage("alerts.error.body", null, locale(request)));
        p.setType(URI.create("urn:besa:problem:vetting-alert-body"));
        p.setTitle("Alert request refused");
        return p;
    }

    @ExceptionHandler(TypeMismatchException.class)
    ProblemDetail mismatch(TypeMismatchException e, HttpServletRequest request) {
        String name = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                messages.getMessage("alerts.error.type", new Object[] {name, e.getValue()}, locale(request)));
        p.setType(URI.create("urn:besa:problem:vetting-alert-parameter"));
        p.setTitle("Alert request refused");
        p.setProperty("field", name);
        p.setProperty("value", String.valueOf(e.getValue()));
        return p;
    }

    /** Authorisation failures belong to Spring Security (403). */
    @ExceptionHandler(AccessDeniedException.class)
    void denied(AccessDeniedException e) {
        throw e;
    }
}
