package besa.audit.web;

import besa.access.AccessEvent;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The access module's events (lockouts, account and role changes, tokens, sessions ended by the
 * server) into the audit trail, synchronously: if the event cannot be written the exception reaches
 * the operation that published it, which then fails (fail closed).
 */
@Component
class AccessEventAuditor {
    private final AuditLog audit;

    AccessEventAuditor(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void record(AccessEvent e) {
        AuditAction action = switch (e.type()) {
            case ACCOUNT_CHANGE -> AuditAction.ACCOUNT_CHANGE;
            case ROLE_CHANGE -> AuditAction.ROLE_CHANGE;
            case CREDENTIAL_CHANGE -> AuditAction.CREDENTIAL_CHANGE;
            case SESSION_ENDED -> AuditAction.LOGOUT;
            case LOGIN_REFUSED -> AuditAction.LOGIN_FAILURE;
        };
        AuditOutcome outcome = switch (e.type()) {
            case SESSION_ENDED -> AuditOutcome.DENIED;
            case LOGIN_REFUSED -> AuditOutcome.FAILED;
            default -> AuditOutcome.SUCCESS;
        };
        String actor = e.actor().equals(AccessEvent.SYSTEM) ? AuditEvent.SYSTEM : e.actor();
        audit.record(new AuditEvent(actor, action, e.target(), e.detail(), "", outcome, e.clientAddress()));
    }
}
