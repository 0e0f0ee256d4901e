package besa.exchange.messages;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Refusals of the exchange API as RFC 9457 problem details: what was refused, which field, why. */
@RestControllerAdvice(assignableTypes = {MessagesApi.class, AttachmentsApi.class})
class MessagesProblems {
    @ExceptionHandler(MessageRefused.class)
    ProblemDetail refused(MessageRefused e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        p.setType(URI.create("urn:besa:problem:exchange-" + e.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
        p.setTitle("Exchange message refused");
        if (e.field() != null) p.setProperty("field", e.field());
        return p;
    }

    @ExceptionHandler(besa.exchange.attachment.AttachmentRefused.class)
    ProblemDetail attachment(besa.exchange.attachment.AttachmentRefused e) {
        return refused(AttachmentsApi.refused(e));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the body must be JSON: partner, kind (REQUEST, REPLY, INFORMATION), thread (optional), priority (URGENT, HIGH, ROUTINE), note, entities");
        p.setType(URI.create("urn:besa:problem:exchange-bad-request"));
        p.setTitle("Exchange message refused");
        return p;
    }
}
