package besa.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a login from a throttled source address before any password is checked, with the
 * same answer as a wrong password (the login page with its generic error), and audits the refusal.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {
    private final LoginAttempts attempts;
    private final UserAccounts accounts;
    private final ApplicationEventPublisher events;

    LoginThrottleFilter(LoginAttempts attempts, UserAccounts accounts, ApplicationEventPublisher events) {
        this.attempts = attempts;
        this.accounts = accounts;
        this.events = events;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getMethod().equals("POST") || !request.getRequestURI().equals(request.getContextPath() + "/login");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        if (!attempts.throttled(address)) {
            chain.doFilter(request, response);
            return;
        }
        String typed = request.getParameter("username");
        // The trail is permanent: only names of real accounts go into it, never what was typed.
        String actor = typed != null && !typed.isBlank() && accounts.exists(typed) ? typed : ApiTokenFilter.UNKNOWN;
        events.publishEvent(new AccessEvent(actor, AccessEvent.Type.LOGIN_REFUSED, "login", "address throttled", address));
        response.sendRedirect(request.getContextPath() + "/login?error");
    }
}
