package auditprobe;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
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

    private final AuditLog audit;

    SecretEntityController(AuditLog audit) {
        this.audit = audit;
    }

    /** A handler that audits by itself, as other modules will, before it produces the data. */
    @GetMapping("/api/audit-probe/{id}")
    String audited(@PathVariable String id) {
        audit.record(AuditEvent.of("probe", AuditAction.CONSULTATION, id, AuditOutcome.SUCCESS, ""));
        return SECRET;
    }

    @GetMapping("/api/entities/audit-probe/{id}")
    String entity(@PathVariable String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + SECRET + "\"}";
    }
}
