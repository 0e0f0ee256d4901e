package besa.vetting.personnel;

import besa.access.Justifications;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Audit events for the personnel register and leads, recorded by the service itself (the request
 * filter audits intelligence URLs, not these): who, from where, why (the request's justification or
 * purpose), what. A read is recorded before its data is returned, so an unavailable trail refuses it.
 */
@Component
public class VettingAudit {
    private final AuditLog audit;

    VettingAudit(AuditLog audit) {
        this.audit = audit;
    }

    public void record(AuditAction action, String target, AuditOutcome outcome) {
        HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes s ? s.getRequest() : null;
        String why = request == null ? "" : Justifications.describe(request);
        String client = request == null ? "" : request.getRemoteAddr();
        audit.record(new AuditEvent(user(), action, target, why, "", outcome, client));
    }

    /** A subject reaching for his own vetting material: the read denied, and a security alert. */
    public void subjectAlert(String target) {
        record(AuditAction.CONSULTATION, target, AuditOutcome.DENIED);
        record(AuditAction.SECURITY_ALERT, target, AuditOutcome.DENIED);
    }

    static String user() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() || auth.getName() == null ? AuditEvent.SYSTEM : auth.getName();
    }
}
