package besa.api;

import besa.access.Justification;
import besa.access.JustificationRequiredException;
import besa.intel.model.InvalidValueException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as an RFC 9457 problem detail: bad parameters and values are 400 with the
 * parameter (where), the value (what) and the reason (why); unknown ids are 404; anything
 * unexpected is a 500 that says nothing about the internals (the log has the details).
 */
@RestControllerAdvice(basePackages = "besa.api")
public class ApiErrors extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    static final URI BAD_PARAMETER = URI.create("urn:besa:problem:bad-parameter");
    static final URI INVALID_VALUE = URI.create("urn:besa:problem:invalid-value");
    static final URI NOT_FOUND = URI.create("urn:besa:problem:not-found");
    static final URI INTERNAL = URI.create("urn:besa:problem:internal");
    static final URI JUSTIFICATION = URI.create("urn:besa:problem:justification-required");

    @ExceptionHandler(BadParameterException.class)
    ProblemDetail badParameter(BadParameterException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setType(BAD_PARAMETER);
        p.setTitle("Bad request parameter");
        p.setProperty("parameter", e.parameter());
        p.setProperty("value", e.value());
        return p;
    }

    @ExceptionHandler(InvalidValueException.class)
    ProblemDetail invalidValue(InvalidValueException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setType(INVALID_VALUE);
        p.setTitle("Invalid value");
        return p;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setType(NOT_FOUND);
        p.setTitle("Not found");
        return p;
    }

    /** A person search or record without a justification: 400 naming the header and its format. */
    @ExceptionHandler(JustificationRequiredException.class)
    ProblemDetail justification(JustificationRequiredException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setType(JUSTIFICATION);
        p.setTitle("Justification required");
        p.setProperty("header", Justification.HEADER);
        p.setProperty("format", Justification.FORMAT);
        return p;
    }

    /** Authorisation failures belong to Spring Security (401/403), not to the catch-all below. */
    @ExceptionHandler(AccessDeniedException.class)
    void accessDenied(AccessDeniedException e) {
        throw e;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        // Class and place only: exception messages (e.g. SQL constraint details) can carry personal data.
        StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        log.error("API request failed: {} at {}", e.getClass().getName(), at);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the request could not be completed; the server log has the details");
        p.setType(INTERNAL);
        p.setTitle("Internal error");
        return p;
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(badParameter(new BadParameterException(e.getParameterName(), null,
                "the parameter '" + e.getParameterName() + "' is required")));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() != null ? e.getPropertyName() : "parameter";
        String type = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName().toLowerCase();
        return ResponseEntity.badRequest().body(badParameter(new BadParameterException(name, String.valueOf(e.getValue()),
                "'" + e.getValue() + "' is not a valid " + type)));
    }
}
