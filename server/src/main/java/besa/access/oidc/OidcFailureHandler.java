package besa.access.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Every refused or failed single sign-on: announced as an authentication failure (the audit module
 * records it as LOGIN_FAILURE, fail closed), then back to the login page with the reason.
 */
final class OidcFailureHandler implements AuthenticationFailureHandler {
    private static final Logger log = LoggerFactory.getLogger(OidcFailureHandler.class);
    private final ApplicationEventPublisher events;

    OidcFailureHandler(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        OidcRefusal refusal = e instanceof OidcRefusal r ? r : new OidcRefusal.ProtocolFailure(errorCode(e));
        log.info("single sign-on refused: {} ({})", refusal.getClass().getSimpleName(), refusal.getMessage());
        // The name is the local account's (or none): what the provider sent is not written to the trail.
        var attempt = UsernamePasswordAuthenticationToken.unauthenticated(refusal.account(), null);
        attempt.setDetails(new WebAuthenticationDetails(request));
        events.publishEvent(new Failed(attempt, refusal));
        response.sendRedirect(request.getContextPath() + "/login?oidc-error=" + refusal.code());
    }

    private static String errorCode(AuthenticationException e) {
        return e instanceof OAuth2AuthenticationException o ? o.getError().getErrorCode() : e.getClass().getSimpleName();
    }

    /** A failed single sign-on, in the shape of Spring Security's failure events. */
    static final class Failed extends AbstractAuthenticationFailureEvent {
        Failed(Authentication attempt, OidcRefusal refusal) {
            super(attempt, refusal);
        }
    }
}
