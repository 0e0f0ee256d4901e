package besa.audit.web;

import besa.access.CredentialEvent;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Second-factor enrolments, removals and recovery-code use, as CREDENTIAL_CHANGE events. Runs in
 * the publisher's transaction: when the event cannot be written the change is rolled back.
 */
@Component
class CredentialAuditor {
    private final AuditLog audit;

    CredentialAuditor(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void changed(CredentialEvent e) {
        String target = switch (e.kind()) {
            case ENROLLED -> "enrolled " + e.detail();
            case REMOVED -> "removed " + e.detail();
            case RECOVERY_CODES_ISSUED -> "issued " + e.detail();
            case RECOVERY_CODE_USED -> "used " + e.detail();
        };
        audit.record(AuditEvent.of(e.username(), AuditAction.CREDENTIAL_CHANGE, target, AuditOutcome.SUCCESS, e.clientAddress()));
    }
}
