package besa.access;

import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.stereotype.Component;

/**
 * How every {@code /api/**} filter chain authenticates: API tokens ({@code Authorization: Bearer
 * besa_...}), no session, no HTTP Basic, 401 as a problem detail; and the per-request account
 * check for anything else that carries a user. Other modules' API chains apply it too.
 */
@Component
public class ApiSecurity {
    private final ApiTokens tokens;
    private final LoginAttempts attempts;
    private final UserAccounts accounts;
    private final Clock clock;
    private final AccessSettings settings;
    private final ApplicationEventPublisher events;

    ApiSecurity(ApiTokens tokens, LoginAttempts attempts, UserAccounts accounts, Clock clock, AccessSettings settings,
                ApplicationEventPublisher events) {
        this.tokens = tokens;
        this.attempts = attempts;
        this.accounts = accounts;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    /** Applies token authentication to an API chain; the caller adds its own authorisation rules. */
    public HttpSecurity apply(HttpSecurity http) {
        return http
                .addFilterBefore(new ApiTokenFilter(tokens, attempts, events), AnonymousAuthenticationFilter.class)
                .addFilterBefore(sessionPolicy(), AuthorizationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) ->
                        Responses.unauthorized(response, "Bearer realm=\"besa\"",
                                "Authenticate with an API token: Authorization: Bearer besa_...")))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(c -> c.disable());
    }

    SessionPolicyFilter sessionPolicy() {
        return new SessionPolicyFilter(accounts, clock, settings, events);
    }

    LoginThrottleFilter loginThrottle() {
        return new LoginThrottleFilter(attempts, accounts, events);
    }
}
