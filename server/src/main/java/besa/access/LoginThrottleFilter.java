package besa.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
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

    /** Every sign-in step: password, second factor (TOTP or recovery code) and passkey. */
    private static final Set<String> STEPS = Set.of("/login", SecondFactorLogin.URL, "/login/webauthn");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getMethod().equals("POST") || !STEPS.contains(request.getRequestURI().substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        if (!attempts.throttled(address)) {
            chain.doFilter(request, response);
            return;
        }
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        // The second step carries no name: the password step's authentication does.
        String typed = signedIn != null && Factors.has(signedIn, Factors.PASSWORD) ? signedIn.getName() : request.getParameter("username");
        // The trail is permanent: only names of real accounts go into it, never what was typed.
        String actor = typed != null && !typed.isBlank() && accounts.exists(typed) ? typed : ApiTokenFilter.UNKNOWN;
        events.publishEvent(new AccessEvent(actor, AccessEvent.Type.LOGIN_REFUSED, "login", "address throttled", address));
        // The same answers as a failure of that step: its page with the generic error, or 401 for the passkey's JSON call.
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/login/webauthn")) response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        else response.sendRedirect(request.getContextPath() + path + "?error");
    }
}
