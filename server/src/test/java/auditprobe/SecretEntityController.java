package auditprobe;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for an entity endpoint that returns data, outside the {@code besa} package so only
 * the tests that import it see it.
 */
@RestController
public class SecretEntityController {
    public static final String SECRET = "SECRET-INFORMANT-NAME";

    @GetMapping("/api/entities/audit-probe/{id}")
    String entity(@PathVariable String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + SECRET + "\"}";
    }
}
