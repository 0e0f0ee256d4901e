package besa.access.oidc;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Single sign-on through an OpenID provider ({@code besa.oidc.*}); off unless {@code issuer-uri} is set.
 *
 * @param issuerUri     the provider's issuer, e.g. {@code https://sso.example/realms/police}; its
 *                      {@code /.well-known/openid-configuration} is read on the first sign-in
 * @param clientId      Besa's client id at the provider
 * @param clientSecret  from the environment variable {@code BESA_OIDC_CLIENT_SECRET} only; blank means a
 *                      public client (PKCE is used either way)
 * @param providerName  shown on the login page: "Sign in with {providerName}"
 * @param usernameClaim the ID token (or user info) claim that names the local Besa account
 * @param mfaAmr        any of these {@code amr} values in the ID token proves a second factor
 * @param mfaAcr        if set, an {@code acr} equal to it also proves a second factor
 * @param bindSubject   bind each account to the provider's subject ({@code sub}) at its first sign-in
 *                      and refuse a different subject afterwards (a renamed or recycled user name)
 */
@ConfigurationProperties("besa.oidc")
public record OidcProperties(String issuerUri, String clientId, String clientSecret, String providerName,
                             String usernameClaim, List<String> mfaAmr, String mfaAcr, Boolean bindSubject) {
    /** The registration id in Besa's URLs: /oauth2/authorization/sso and /login/oauth2/code/sso. */
    public static final String REGISTRATION_ID = "sso";

    public OidcProperties {
        clientSecret = clientSecret == null ? "" : clientSecret.strip();
        providerName = blank(providerName) ? "single sign-on" : providerName.strip();
        usernameClaim = blank(usernameClaim) ? "preferred_username" : usernameClaim.strip();
        mfaAmr = mfaAmr == null || mfaAmr.isEmpty() ? List.of("mfa", "otp", "hwk", "swk", "totp") : List.copyOf(mfaAmr);
        mfaAcr = blank(mfaAcr) ? null : mfaAcr.strip();
        bindSubject = bindSubject == null || bindSubject;
    }

    /** Fails at startup, naming the setting, rather than at the first sign-in. */
    void check() {
        if (blank(issuerUri) || !(issuerUri.startsWith("https://") || issuerUri.startsWith("http://")))
            throw new IllegalStateException("besa.oidc.issuer-uri must be an http(s) URL, but is '" + issuerUri + "'");
        if (blank(clientId)) throw new IllegalStateException("besa.oidc.issuer-uri is set, so besa.oidc.client-id is required");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
