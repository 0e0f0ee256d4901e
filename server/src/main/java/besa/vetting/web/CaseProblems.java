package besa.vetting.web;

import besa.vetting.casefile.CaseRefused;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/** Refusals of the case and assignability API as RFC 9457 problem details: what, which field, why. */
@RestControllerAdvice(assignableTypes = {CaseApi.class, CaseAssignabilityApi.class})
class CaseProblems {
    private final MessageSource messages;

    CaseProblems(MessageSource messages) {
        this.messages = messages;
    }

    /** API clients choose with Accept-Language; without it the API speaks English, as its other errors do. */
    private static Locale locale(HttpServletRequest request) {
        return request.getHeader("Accept-Language") == null ? Locale.ENGLISH : request.getLocale();
    }

    @ExceptionHandler(CaseRefused.class)
    ProblemDetail refused(CaseRefused e, HttpServletRequest request) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale(request)));
        p.setType(URI.create("urn:besa:problem:vetting-case-" + e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        p.setTitle("Vetting case request refused");
        if (e.field() != null) p.setProperty("field", e.field());
        return p;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return bad(null, messages.getMessage("cases.error.body", null, locale(request)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missing(MissingServletRequestParameterException e, HttpServletRequest request) {
        return bad(e.getParameterName(), messages.getMessage("cases.error.required", new Object[] {e.getParameterName()}, locale(request)));
    }

    @ExceptionHandler(MissingServletRequestPartException.class)
    ProblemDetail missingPart(MissingServletRequestPartException e, HttpServletRequest request) {
        return bad(e.getRequestPartName(), messages.getMessage("cases.error.required", new Object[] {e.getRequestPartName()}, locale(request)));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return bad(e.getName(), messages.getMessage("cases.error.badValue", new Object[] {e.getName(), String.valueOf(e.getValue())}, locale(request)));
    }

    private static ProblemDetail bad(String field, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        p.setType(URI.create("urn:besa:problem:vetting-case-invalid"));
        p.setTitle("Vetting case request refused");
        if (field != null) p.setProperty("field", field);
        return p;
    }
}
