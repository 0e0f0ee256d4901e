package besa.access.oidc;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;

/**
 * Adds "Sign in with the provider" to the page filter chain: authorization code flow with PKCE, state
 * and nonce (Spring Security's defaults for OIDC), on the same login page as the password form.
 * Exists only when single sign-on is configured; {@code SecurityConfig} applies it if present.
 */
public final class OidcLogin {
    private final OidcClient client;
    private final OidcAccounts accounts;
    private final OidcFailureHandler failures;

    OidcLogin(OidcClient client, OidcAccounts accounts, OidcFailureHandler failures) {
        this.client = client;
        this.accounts = accounts;
        this.failures = failures;
    }

    public void applyTo(HttpSecurity http) throws Exception {
        http.oauth2Login(o -> o
                .loginPage("/login")
                .clientRegistrationRepository(client)
                // Besa never calls the provider's APIs: its tokens live and die with the session.
                .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                .userInfoEndpoint(u -> u.oidcUserService(accounts))
                .defaultSuccessUrl("/", false)
                .failureHandler(failures));
    }
}
