package besa.api;

import besa.intel.ingest.MappingException;
import besa.intel.model.InvalidValueException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 problem details for the import API: what went wrong, where, and why. */
// Ahead of ApiErrors, whose catch-all would otherwise answer these with 500.
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = ImportApi.class)
class ImportProblems {
    @ExceptionHandler(MappingException.class)
    ProblemDetail mapping(MappingException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, String.join("; ", e.problems()));
        p.setTitle("The mapping cannot be used");
        p.setType(URI.create("urn:besa:problem:import-mapping"));
        p.setProperty("problems", e.problems());
        return p;
    }

    @ExceptionHandler(ImportApi.BadImportRequest.class)
    ProblemDetail bad(ImportApi.BadImportRequest e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("The import request is incomplete");
        p.setType(URI.create("urn:besa:problem:import-request"));
        p.setProperty("field", e.field);
        return p;
    }

    @ExceptionHandler(InvalidValueException.class)
    ProblemDetail invalid(InvalidValueException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("A value of the import request is invalid");
        p.setType(URI.create("urn:besa:problem:import-request"));
        return p;
    }

    /** A role that may not import (AccessPolicy#mayCollect): 403 as a problem detail. */
    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ProblemDetail forbidden(org.springframework.security.access.AccessDeniedException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        p.setTitle("Not allowed to import");
        p.setType(URI.create("urn:besa:problem:import-forbidden"));
        return p;
    }

    @ExceptionHandler(ImportApi.NotFound.class)
    ProblemDetail notFound(ImportApi.NotFound e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle("Not found");
        return p;
    }
}
