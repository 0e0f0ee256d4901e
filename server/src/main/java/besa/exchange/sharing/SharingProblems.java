package besa.exchange.sharing;

import besa.access.ReadScope;
import besa.exchange.messages.MessageRefused;
import besa.vetting.VettingRefused;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of the sharing API as RFC 9457 problem details: what was refused, which field, why. */
@RestControllerAdvice(assignableTypes = {SharingApi.class, LeadReleaseApi.class})
class SharingProblems {
    private final MessageSource messages;

    SharingProblems(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * A vetting officer barred from vetting work (suspended, or no officer id) deciding or listing lead packages: the
     * same neutral 403 problem as every vetting API (besa.vetting.web.VettingRefusals); the gate raised the alert.
     */
    @ExceptionHandler(VettingRefused.class)
    ProblemDetail barred(VettingRefused e, HttpServletRequest request) {
        Locale locale = request.getHeader("Accept-Language") == null ? Locale.ENGLISH : request.getLocale();
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, messages.getMessage(e.messageKey(), null, locale));
        p.setType(URI.create("urn:besa:problem:vetting-access-" + (e.bar() == ReadScope.VettingBar.SUSPENDED ? "suspended" : "no-officer-id")));
        p.setTitle("Vetting access refused");
        return p;
    }

    @ExceptionHandler(MessageRefused.class)
    ProblemDetail refused(MessageRefused e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        p.setType(URI.create("urn:besa:problem:sharing-" + e.status().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        p.setTitle("Daily sharing refused");
        if (e.field() != null) p.setProperty("field", e.field());
        return p;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the body must be JSON: partner, category, source?, originator?, time (HH:mm), days ([MONDAY…]; empty = daily), ceiling (H0–H3), active");
        p.setType(URI.create("urn:besa:problem:sharing-bad-request"));
        p.setTitle("Daily sharing refused");
        return p;
    }
}
