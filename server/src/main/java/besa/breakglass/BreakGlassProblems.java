package besa.breakglass;

import java.net.URI;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of the break-glass API as RFC 9457 problem details: what was refused, which field, why. */
@RestControllerAdvice(assignableTypes = BreakGlassApi.class)
class BreakGlassProblems {
    private final MessageSource messages;

    BreakGlassProblems(MessageSource messages) {
        this.messages = messages;
    }

    /** API clients choose with Accept-Language; without it the API speaks English, as its other errors do. */
    private static java.util.Locale locale(jakarta.servlet.http.HttpServletRequest request) {
        return request.getHeader("Accept-Language") == null ? java.util.Locale.ENGLISH : request.getLocale();
    }

    @ExceptionHandler(BreakGlassRefused.class)
    ProblemDetail refused(BreakGlassRefused e, jakarta.servlet.http.HttpServletRequest request) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status,
                messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale(request)));
        p.setType(URI.create("urn:besa:problem:break-glass-" + e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
        p.setTitle("Break-glass refused");
        if (e.field() != null) p.setProperty("field", e.field());
        return p;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e, jakarta.servlet.http.HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                messages.getMessage("breakglass.error.body", null, locale(request)));
        p.setType(URI.create("urn:besa:problem:break-glass-invalid"));
        p.setTitle("Break-glass refused");
        return p;
    }
}
