package besa.breakglass;

import besa.access.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/break-glass}: administrators request and end their grants; auditors see every grant
 * (newest first) the moment it is made, end them, and review them. Errors are problem details
 * ({@link BreakGlassProblems}).
 */
@RestController
@RequestMapping("/api/break-glass")
class BreakGlassApi {
    private final BreakGlassGrants grants;

    BreakGlassApi(BreakGlassGrants grants) {
        this.grants = grants;
    }

    /** The body of a review. */
    record Review(Finding finding, String note) {}

    @GetMapping
    List<Grant> list(Authentication who, @RequestParam(defaultValue = "100") int limit) {
        if (BreakGlassGrants.has(who, Role.AUDITOR)) return grants.recent(null, limit);
        if (BreakGlassGrants.has(who, Role.ADMINISTRATOR)) return grants.recent(who.getName(), limit);
        throw new AccessDeniedException("break-glass grants are for auditors and administrators");
    }

    @GetMapping("/{id}")
    Grant one(Authentication who, @PathVariable long id) {
        Grant g = grants.find(id).filter(x -> BreakGlassGrants.has(who, Role.AUDITOR) || x.username().equals(who.getName()))
                .orElseThrow(() -> new BreakGlassRefused(BreakGlassRefused.Kind.NOT_FOUND, "id", "notFound", id));
        return g;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Grant request(Authentication who, @RequestBody BreakGlassGrants.Request body, HttpServletRequest http) {
        return grants.request(who, body, http.getRemoteAddr());
    }

    @PostMapping("/{id}/end")
    Grant end(Authentication who, @PathVariable long id, HttpServletRequest http) {
        return grants.end(who, id, http.getRemoteAddr());
    }

    @PostMapping("/{id}/review")
    Grant review(Authentication who, @PathVariable long id, @RequestBody Review body, HttpServletRequest http) {
        return grants.review(who, id, body.finding(), body.note(), http.getRemoteAddr());
    }
}
