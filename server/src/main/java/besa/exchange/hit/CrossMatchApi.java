package besa.exchange.hit;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
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
 * {@code /api/exchange/crossmatch} (LIAISON_OFFICER): lists offered to partners (CSV), the CLK secret
 * per partner (generated here and shown once, or entered), runs against a partner's offered list,
 * and their results. See docs/exchange.md.
 */
@RestController
@RequestMapping("/api/exchange/crossmatch")
class CrossMatchApi {
    private final ObjectProvider<CrossMatchService> service;

    CrossMatchApi(ObjectProvider<CrossMatchService> service) {
        this.service = service;
    }

    private CrossMatchService service() {
        CrossMatchService s = service.getIfAvailable();
        if (s == null) throw new HitRefused(HttpStatus.NOT_FOUND, null, "the exchange is not enabled on this node");
        return s;
    }

    record Offer(String partner, String name, String method, String csv) {}

    @GetMapping("/lists")
    List<CrossMatch.Offer> lists() {
        return service().crossMatch().offers();
    }

    @PostMapping("/lists")
    ResponseEntity<Map<String, Object>> offer(@RequestBody Offer body, Principal user) {
        int size = service().offer(user.getName(), body.partner(), body.name(), HitInput.method(body.method()), body.csv());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("partner", body.partner(), "name", body.name(), "method", body.method(), "size", size));
    }

    record Secret(String secret) {}

    /** Without a secret in the body: one is generated and returned this once, to hand to the partner out of band. */
    @PostMapping("/secrets/{partner}")
    Map<String, Object> secret(@PathVariable String partner, @RequestBody(required = false) Secret body, Principal user) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("partner", partner);
        if (body == null || body.secret() == null || body.secret().isBlank()) {
            out.put("secret", Base64.getEncoder().encodeToString(service().crossMatch().generateClkSecret(user.getName(), service().partner(partner))));
            out.put("generated", true);
        } else {
            service().crossMatch().setClkSecret(user.getName(), service().partner(partner), HitInput.secret(body.secret()));
            out.put("generated", false);
        }
        out.put("setAt", service().crossMatch().clkSecretSetAt(partner).map(Instant::toString).orElse(""));
        return out;
    }

    @GetMapping("/secrets/{partner}")
    Map<String, Object> secretState(@PathVariable String partner) {
        return Map.of("partner", partner, "setAt", service().crossMatch().clkSecretSetAt(service().partner(partner)).map(Instant::toString).orElse(""));
    }

    /** {@code csv}: our list as CSV; or {@code ownList} + {@code ownListPartner}: one of our offered lists. */
    record Start(String partner, String method, String list, String csv, String ownList, String ownListPartner) {}

    @PostMapping("/sessions")
    ResponseEntity<Map<String, Object>> start(@RequestBody Start body, Principal user) {
        UUID session = service().start(user.getName(), body.partner(), HitInput.method(body.method()), body.list(), body.csv(), body.ownListPartner(),
                body.ownList());
        return ResponseEntity.created(URI.create("/api/exchange/crossmatch/sessions/" + session)).body(Map.of("session", session, "status", "SENT"));
    }

    @GetMapping("/sessions")
    List<CrossMatch.Session> sessions(@RequestParam(defaultValue = "100") int limit) {
        return service().crossMatch().sessions(Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/sessions/{id}")
    CrossMatchService.Result session(@PathVariable UUID id, Principal user, HttpServletRequest http) {
        return service().result(user.getName(), id, http.getRemoteAddr()).orElseThrow(() -> new NoSuchElementException("no cross-match run " + id));
    }
}
