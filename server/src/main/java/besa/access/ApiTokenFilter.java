package besa.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer besa_...} on the API. A refused token is a failed login: counted
 * against the source address (throttling) and audited; a throttled address is refused before the
 * token is looked at. A good token is not audited per call (the request itself is, where it reads data).
 */
final class ApiTokenFilter extends OncePerRequestFilter {
    static final String UNKNOWN = "(unknown account)";
    private final ApiTokens tokens;
    private final LoginAttempts attempts;
    private final ApplicationEventPublisher events;
    private final RequestAttributeSecurityContextRepository requestContext = new RequestAttributeSecurityContextRepository();

    ApiTokenFilter(ApiTokens tokens, LoginAttempts attempts, ApplicationEventPublisher events) {
        this.tokens = tokens;
        this.attempts = attempts;
        this.events = events;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        if (attempts.throttled(address)) {
            events.publishEvent(new AccessEvent(UNKNOWN, AccessEvent.Type.LOGIN_REFUSED, "API token", "address throttled", address));
            Responses.unauthorized(response, "Bearer realm=\"besa\"", "Too many failed logins from this address; try again later.");
            return;
        }
        ApiTokens.Check check = tokens.check(header.substring(7).strip());
        if (check.refusal() != null) {
            attempts.recordFailure(null, address);
            events.publishEvent(new AccessEvent(check.username() != null ? check.username() : UNKNOWN, AccessEvent.Type.LOGIN_REFUSED,
                    "API token", check.refusal(), address));
            Responses.unauthorized(response, "Bearer realm=\"besa\", error=\"invalid_token\"",
                    "The API token is not valid: unknown, expired or revoked, or its account is not active.");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiTokenAuthentication(check.username(),
                check.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList()));
        SecurityContextHolder.setContext(context);
        // Kept on the request, so that an async dispatch (streamed exports) is authenticated too.
        requestContext.saveContext(context, request, response);
        chain.doFilter(request, response);
    }
}
