package besa.audit.web;

import besa.access.Role;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditFilter;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * Who may read the audit trail (auditors only, administrators included in the "no"), the filter
 * as the page and the API take it, and the audit event every reading of the trail causes.
 */
@Component
class AuditTrailAccess {
    private final AuditLog audit;

    AuditTrailAccess(AuditLog audit) {
        this.audit = audit;
    }

    /** Records a denied attempt and throws AccessDeniedException unless {@code user} is an auditor. */
    void requireAuditor(Authentication user, String what, String client) {
        boolean auditor = user != null && user.isAuthenticated()
                && user.getAuthorities().stream().anyMatch(a -> Role.AUDITOR.authority().equals(a.getAuthority()));
        if (auditor) return;
        String name = user == null ? "anonymous" : user.getName();
        audit.record(AuditEvent.of(name, AuditAction.CONSULTATION, what, AuditOutcome.DENIED, client));
        throw new AccessDeniedException("only auditors may read the audit trail");
    }

    /** Records that {@code user} reads (CONSULTATION) or exports (EXPORT, to themselves) {@code what}; before any data is produced. */
    void record(Authentication user, AuditAction action, String what, String client) {
        String recipient = action == AuditAction.EXPORT ? user.getName() : "";
        audit.record(new AuditEvent(user.getName(), action, what, "", recipient, AuditOutcome.SUCCESS, client));
    }

    /** The filter from request parameters; IllegalArgumentException naming the bad parameter. */
    static AuditFilter filter(MultiValueMap<String, String> p) {
        Set<AuditAction> actions = EnumSet.noneOf(AuditAction.class);
        for (String a : p.getOrDefault("action", List.of())) {
            for (String one : a.split(",")) if (!one.isBlank()) actions.add(AuditFilter.action(one));
        }
        return new AuditFilter(p.getFirst("actor"), p.getFirst("target"), actions, AuditFilter.outcome(p.getFirst("outcome")),
                AuditFilter.time("from", p.getFirst("from"), false), AuditFilter.time("to", p.getFirst("to"), true),
                p.getFirst("justification"), p.getFirst("recipient"), p.getFirst("client"));
    }

    static Long before(String raw) {
        if (raw == null || raw.isBlank()) return null;
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'before' must be an entry index, not '" + raw + "'");
        }
    }

    static int size(String raw, int dflt, int max) {
        if (raw == null || raw.isBlank()) return dflt;
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= 1 && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'size' must be a number from 1 to " + max + ", not '" + raw + "'");
    }
}
