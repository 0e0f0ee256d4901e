package besa.exchange.hit;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/exchange/hits/releases} (LIAISON_OFFICER): the partners' requests for the data behind a
 * hit, and the decision on each. The minimal interface to the approval; the approver is the caller.
 */
@RestController
@RequestMapping("/api/exchange/hits/releases")
class HitApi {
    private final ObjectProvider<Hits> hits;

    HitApi(ObjectProvider<Hits> hits) {
        this.hits = hits;
    }

    private Hits hits() {
        Hits h = hits.getIfAvailable();
        if (h == null) throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the exchange is not enabled on this node");
        return h;
    }

    @GetMapping
    List<Hits.Release> pending() {
        return hits().pendingReleases();
    }

    @PostMapping("/{id}/approve")
    Map<String, Object> approve(@PathVariable UUID id, Principal user) {
        return Map.of("request", id, "status", "APPROVED", "reply", hits().approve(user.getName(), id));
    }

    record Refusal(String reason) {}

    @PostMapping("/{id}/refuse")
    Map<String, Object> refuse(@PathVariable UUID id, @RequestBody Refusal body, Principal user) {
        return Map.of("request", id, "status", "REFUSED", "reply", hits().refuse(user.getName(), id, body == null ? null : body.reason()));
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail notPending(IllegalStateException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        p.setType(URI.create("urn:besa:exchange:not-pending"));
        return p;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail bad(IllegalArgumentException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setType(URI.create("urn:besa:exchange:bad-request"));
        return p;
    }
}
