package besa.audit.web;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.access.UserAccounts;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureProviderNotFoundEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Logins, failed logins and logouts from Spring Security's events. If the event cannot be
 * written the exception propagates and the login itself fails (fail closed).
 */
@Component
class AuthenticationAuditor {
    static final String UNKNOWN_ACCOUNT = "(unknown account)";
    private final AuditLog audit;
    private final UserAccounts accounts;

    AuthenticationAuditor(AuditLog audit, UserAccounts accounts) {
        this.audit = audit;
        this.accounts = accounts;
    }

    @EventListener
    void success(AuthenticationSuccessEvent e) {
        record(e.getAuthentication(), AuditAction.LOGIN_SUCCESS, AuditOutcome.SUCCESS);
    }

    @EventListener
    void failure(AbstractAuthenticationFailureEvent e) {
        // Not a person's attempt: the global manager saying it has no provider for a token that the
        // single sign-on chain's own manager already handled (and reported) before asking its parent.
        if (e instanceof AuthenticationFailureProviderNotFoundEvent) return;
        String reason = e.getException().getClass().getSimpleName();
        Authentication a = e.getAuthentication();
        // The trail is permanent: a password typed into the username box must not end up in it.
        String typed = name(a);
        String actor = accounts.exists(typed) ? typed : UNKNOWN_ACCOUNT;
        audit.record(AuditEvent.of(actor, AuditAction.LOGIN_FAILURE, reason, AuditOutcome.FAILED, client(a)));
    }

    @EventListener
    void logout(LogoutSuccessEvent e) {
        record(e.getAuthentication(), AuditAction.LOGOUT, AuditOutcome.SUCCESS);
    }

    private void record(Authentication a, AuditAction action, AuditOutcome outcome) {
        audit.record(AuditEvent.of(name(a), action, "", outcome, client(a)));
    }

    private static String name(Authentication a) {
        String name = a == null ? null : a.getName();
        return name == null || name.isBlank() ? "anonymous" : name;
    }

    private static String client(Authentication a) {
        return a != null && a.getDetails() instanceof WebAuthenticationDetails d && d.getRemoteAddress() != null ? d.getRemoteAddress() : "";
    }
}
