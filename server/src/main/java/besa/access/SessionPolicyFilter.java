package besa.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request of a logged-in user, before authorisation: the account is read again (one
 * primary-key lookup) and the request goes on only while it is active, with the account's current
 * roles; a session also ends when idle longer than {@link AccessSettings#idleTimeout()} or older
 * than {@link AccessSettings#absoluteTimeout()} since login. An ended session is invalidated,
 * audited, and the user sent to the login page (pages) or answered 401 (API, htmx).
 *
 * <p>Runs inside Spring Security's filter chain, so before {@code besa.audit.web.AuditRequestFilter}
 * (a servlet filter after the security chain): a request refused here never reaches it.
 */
final class SessionPolicyFilter extends OncePerRequestFilter {
    static final String LOGIN_AT = "besa.session.loginAt";
    static final String LOGIN_USER = "besa.session.user";
    static final String LAST_SEEN = "besa.session.lastSeen";

    /**
     * The import page's htmx polling of its progress (every second while a job runs): a page left
     * open is no sign that anyone is at the screen, so it neither ends nor prolongs the session.
     */
    private static final RequestMatcher POLLING = new AndRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/import/*/progress"),
            new RequestHeaderRequestMatcher("HX-Request"));

    private final UserAccounts accounts;
    private final Clock clock;
    private final AccessSettings settings;
    private final ApplicationEventPublisher events;

    SessionPolicyFilter(UserAccounts accounts, Clock clock, AccessSettings settings, ApplicationEventPublisher events) {
        this.accounts = accounts;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        // A token request had its account read a moment ago by ApiTokenFilter.
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken || auth instanceof ApiTokenAuthentication) {
            chain.doFilter(request, response);
            return;
        }
        String user = auth.getName();
        String ended = timedOut(request.getSession(false), user, !POLLING.matches(request));
        Optional<Account> account = accounts.find(user);
        if (ended == null) {
            if (account.isEmpty()) ended = "no such account";
            else if (account.get().status() != AccountStatus.ACTIVE) ended = "account " + account.get().status().name().toLowerCase();
        }
        if (ended != null) {
            end(request, response, user, ended);
            return;
        }
        withCurrentRoles(auth, account.get().roles());
        chain.doFilter(request, response);
    }

    /**
     * Why the session has to end by time, or null; stamps login time (first request seen) and, for a
     * request that shows someone at the screen ({@code activity}), last use.
     */
    private String timedOut(HttpSession session, String user, boolean activity) {
        if (session == null) return null;
        Instant now = clock.instant();
        Instant loginAt = (Instant) session.getAttribute(LOGIN_AT);
        Instant lastSeen = (Instant) session.getAttribute(LAST_SEEN);
        if (loginAt == null || !user.equals(session.getAttribute(LOGIN_USER))) {
            session.setAttribute(LOGIN_AT, now);
            session.setAttribute(LOGIN_USER, user);
        } else if (now.isAfter(loginAt.plus(settings.absoluteTimeout()))) {
            return "re-authentication due " + settings.absoluteTimeout() + " after login";
        } else if (lastSeen != null && now.isAfter(lastSeen.plus(settings.idleTimeout()))) {
            return "idle for more than " + settings.idleTimeout();
        }
        if (activity || lastSeen == null) session.setAttribute(LAST_SEEN, now);
        return null;
    }

    /** Replaces the roles of the request's authentication by the account's current ones, keeping other authorities (factors). */
    private static void withCurrentRoles(Authentication auth, Set<Role> roles) {
        Set<String> current = roles.stream().map(Role::authority).collect(Collectors.toSet());
        Set<String> held = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).collect(Collectors.toSet());
        if (held.equals(current)) return;
        List<GrantedAuthority> authorities = new ArrayList<>();
        auth.getAuthorities().stream().filter(a -> !a.getAuthority().startsWith("ROLE_")).forEach(authorities::add);
        current.stream().sorted().map(SimpleGrantedAuthority::new).forEach(authorities::add);
        UsernamePasswordAuthenticationToken updated = UsernamePasswordAuthenticationToken.authenticated(auth.getPrincipal(), null, authorities);
        updated.setDetails(auth.getDetails());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(updated);
        SecurityContextHolder.setContext(context);
    }

    private void end(HttpServletRequest request, HttpServletResponse response, String user, String reason) throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null) session.invalidate();
        SecurityContextHolder.clearContext();
        events.publishEvent(new AccessEvent(user, AccessEvent.Type.SESSION_ENDED, user, reason, request.getRemoteAddr()));
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            Responses.unauthorized(response, "Bearer realm=\"besa\"", "The session has ended; authenticate again.");
        } else if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", request.getContextPath() + "/login?expired");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        } else {
            response.sendRedirect(request.getContextPath() + "/login?expired");
        }
    }
}
