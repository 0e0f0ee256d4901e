package besa.vetting.web;

import besa.vetting.personnel.MappingProblems;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

/** RFC 9457 problem details for the personnel and lead API, in the shapes of {@code besa.api.ApiErrors}. */
@RestControllerAdvice(assignableTypes = {PersonnelApi.class, LeadApi.class})
class PersonnelApiErrors extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(PersonnelApiErrors.class);

    @ExceptionHandler(PersonnelBadRequest.class)
    ProblemDetail badParameter(PersonnelBadRequest e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setType(URI.create("urn:besa:problem:bad-parameter"));
        p.setTitle("Bad request parameter");
        p.setProperty("parameter", e.parameter);
        p.setProperty("value", e.value);
        return p;
    }

    /** The mapping or the file's header or syntax: every problem at once. */
    @ExceptionHandler(MappingProblems.class)
    ProblemDetail mapping(MappingProblems e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setType(URI.create("urn:besa:problem:unusable-file"));
        p.setTitle("The file or its mapping cannot be used");
        p.setProperty("problems", e.problems());
        return p;
    }

    @ExceptionHandler(PersonnelNotFound.class)
    ProblemDetail notFound(PersonnelNotFound e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setType(URI.create("urn:besa:problem:not-found"));
        p.setTitle("Not found");
        return p;
    }

    @ExceptionHandler(AccessDeniedException.class)
    void accessDenied(AccessDeniedException e) {
        throw e; // Spring Security answers 403
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        StackTraceElement at = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        log.error("Vetting personnel API request failed: {} at {}", e.getClass().getName(), at);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "the request could not be completed; the server log has the details");
        p.setType(URI.create("urn:besa:problem:internal"));
        p.setTitle("Internal error");
        return p;
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(badParameter(new PersonnelBadRequest(e.getParameterName(), null,
                "the parameter '" + e.getParameterName() + "' is required")));
    }
}
