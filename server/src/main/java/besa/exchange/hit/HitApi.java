package besa.exchange.hit;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/exchange/hits} (LIAISON_OFFICER): ask a partner whether it holds a phone, IMEI, account
 * or person; our queries and their state; request the data behind a hit; and, as the owner, the
 * partners' data requests and the decision on each (the approver is the caller). See docs/exchange.md.
 */
@RestController
@RequestMapping("/api/exchange/hits")
class HitApi {
    private final ObjectProvider<Hits> hits;
    private final ObjectProvider<PartnerLimits> limits;
    private final java.time.Clock clock;

    HitApi(ObjectProvider<Hits> hits, ObjectProvider<PartnerLimits> limits, java.time.Clock clock) {
        this.hits = hits;
        this.limits = limits;
        this.clock = clock;
    }

    private Hits hits() {
        Hits h = hits.getIfAvailable();
        if (h == null) throw new HitRefused(HttpStatus.NOT_FOUND, null, "the exchange is not enabled on this node");
        return h;
    }

    record Ask(String partner, String kind, String value, String birthDate, String priority, String justification) {}

    @PostMapping
    ResponseEntity<Hits.Asked> ask(@RequestBody Ask body, Principal user, HttpServletRequest http) {
        if (body.partner() == null || body.partner().isBlank()) throw new HitRefused(HttpStatus.BAD_REQUEST, "partner", "the partner is required");
        HitQuery q = HitInput.query(body.kind(), body.value(), body.birthDate());
        UUID id = hits().ask(user.getName(), body.partner().strip(), q, HitInput.priority(body.priority()),
                HitInput.justification(body.justification(), http), http.getRemoteAddr());
        return ResponseEntity.created(URI.create("/api/exchange/hits/" + id)).body(hits().asked(id).orElseThrow());
    }

    @GetMapping
    List<Hits.Asked> asked(@RequestParam(defaultValue = "100") int limit) {
        return hits().asked(Math.max(1, Math.min(limit, 500)));
    }

    /** Our limits for partners (the defaults; per-partner settings may differ) and the partners refused for them in the last day. */
    @GetMapping("/limits")
    Map<String, Object> limits() {
        hits();
        PartnerLimits l = limits.getObject();
        return Map.of("limits", l.defaults(), "overLimits", l.recent(clock.instant()));
    }

    @GetMapping("/{id}")
    Hits.Asked one(@PathVariable UUID id) {
        return hits().asked(id).orElseThrow(() -> new NoSuchElementException("no hit query " + id));
    }

    record Why(String why) {}

    @PostMapping("/{id}/data-requests")
    ResponseEntity<Map<String, Object>> requestData(@PathVariable UUID id, @RequestBody Why body, Principal user) {
        if (body == null || body.why() == null || body.why().isBlank()) throw new HitRefused(HttpStatus.BAD_REQUEST, "why", "say why the data is needed");
        UUID request = hits().requestData(user.getName(), id, body.why());
        return ResponseEntity.created(URI.create("/api/exchange/hits/" + id)).body(Map.of("query", id, "request", request, "status", "WAITING"));
    }

    @GetMapping("/releases")
    List<Hits.PendingRelease> pending() {
        return hits().pendingDetails();
    }

    @PostMapping("/releases/{id}/approve")
    Map<String, Object> approve(@PathVariable UUID id, Principal user) {
        return Map.of("request", id, "status", "APPROVED", "reply", hits().approve(user.getName(), id));
    }

    record Refusal(String reason) {}

    @PostMapping("/releases/{id}/refuse")
    Map<String, Object> refuse(@PathVariable UUID id, @RequestBody Refusal body, Principal user) {
        return Map.of("request", id, "status", "REFUSED", "reply", hits().refuse(user.getName(), id, body == null ? null : body.reason()));
    }
}
