package besa.audit.web;

import besa.access.Denial;
import besa.access.Justifications;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.audit.AuditUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Audits requests by URL, after authentication and before any handler runs: entity reads and
 * searches (consultation), imports (collection) and exports (disclosure to the requesting user).
 * The event is written before the request goes on, so when the trail is unavailable the request
 * ends here with 503 and nothing of the data is produced (fail closed). A request that then fails
 * or is denied gets a second event with that outcome.
 */
class AuditRequestFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(AuditRequestFilter.class);

    private final AuditLog audit;

    AuditRequestFilter(AuditLog audit) {
        this.audit = audit;
    }

    /** The event a request causes, or null for requests this filter does not audit. */
    static AuditEvent eventFor(HttpServletRequest request, String user) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String method = request.getMethod();
        String client = request.getRemoteAddr();
        boolean read = method.equals("GET") || method.equals("HEAD");
        String query = request.getQueryString() == null ? path : path + "?" + request.getQueryString();
        for (String prefix : new String[] {"/api/entities/", "/entities/"}) {
            if (read && path.startsWith(prefix)) {
                return AuditEvent.of(user, AuditAction.CONSULTATION, path.substring(prefix.length()), AuditOutcome.SUCCESS, client);
            }
        }
        if (read && path.equals("/api/entities")) {
            return AuditEvent.of(user, AuditAction.CONSULTATION, query, AuditOutcome.SUCCESS, client);
        }
        if (read && (path.equals("/api/search") || path.equals("/search") || path.startsWith("/api/search/"))) {
            String q = request.getParameter("q");
            return AuditEvent.of(user, AuditAction.CONSULTATION, q != null ? q : nullToEmpty(request.getQueryString()),
                    AuditOutcome.SUCCESS, client);
        }
        boolean imports = path.equals("/api/imports") || path.startsWith("/api/imports/")
                || path.equals("/import") || path.startsWith("/import/");
        if (imports && read && path.endsWith("/rejects")) {
            // The rejects file holds the refused rows as supplied: personal data leaving the store.
            return new AuditEvent(user, AuditAction.DISCLOSURE, path, "", user, AuditOutcome.SUCCESS, client);
        }
        if (imports && !read) {
            return AuditEvent.of(user, AuditAction.COLLECTION, path, AuditOutcome.SUCCESS, client);
        }
        if (path.equals("/api/exports") || path.startsWith("/api/exports/")) {
            return new AuditEvent(user, AuditAction.DISCLOSURE, query, "", user, AuditOutcome.SUCCESS, client);
        }
        return null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String user = auth == null || !auth.isAuthenticated() ? "anonymous" : auth.getName();
        AuditEvent event = withJustification(eventFor(request, user), request);
        if (event == null) {
            chain.doFilter(request, response);
            return;
        }
        try {
            audit.record(event);
        } catch (AuditUnavailableException e) {
            refuse(request, response);
            return;
        }
        boolean threw = true;
        try {
            chain.doFilter(request, response);
            threw = false;
        } finally {
            recordOutcome(event, threw ? 500 : response.getStatus(), request.getAttribute(Denial.ATTRIBUTE) instanceof Denial d ? d : null);
        }
    }

    /** The justification the request carries (API header or the session's purpose), on the event. */
    static AuditEvent withJustification(AuditEvent e, HttpServletRequest request) {
        if (e == null) return null;
        String why = Justifications.describe(request);
        return why.isEmpty() ? e : new AuditEvent(e.actor(), e.action(), e.target(), why, e.recipient(), e.outcome(), e.clientAddress());
    }

    /**
     * A second event for a request that failed or was refused. The access policy answers a refusal
     * like a missing record (404) but notes it on the request: that is recorded as DENIED, and an
     * officer reaching for vetting material about himself also raises a SECURITY_ALERT.
     */
    private void recordOutcome(AuditEvent event, int status, Denial denial) {
        if (denial == Denial.SUBJECT_PROTECTION) {
            try {
                audit.record(new AuditEvent(event.actor(), AuditAction.SECURITY_ALERT, event.target(), event.justification(),
                        "", AuditOutcome.DENIED, event.clientAddress()));
            } catch (AuditUnavailableException e) {
                log.error("Could not record a security alert: {}", e.getMessage());
            }
        }
        if (status >= 400 || denial != null) {
            AuditOutcome outcome = status == 401 || status == 403 || denial != null ? AuditOutcome.DENIED : AuditOutcome.FAILED;
            try {
                audit.record(new AuditEvent(event.actor(), event.action(), event.target(), event.justification(),
                        event.recipient(), outcome, event.clientAddress()));
            } catch (AuditUnavailableException e) {
                log.error("Could not record the outcome of an audited request: {}", e.getMessage());
            }
        }
    }

    /** 503 as an RFC 9457 problem detail, with nothing of what was asked for. */
    static void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Retry-After", "30");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Audit trail unavailable\",\"status\":503,"
                + "\"detail\":\"The request was refused because it could not be recorded in the audit trail.\"}");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
