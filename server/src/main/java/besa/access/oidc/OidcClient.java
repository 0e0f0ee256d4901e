package besa.access.oidc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Besa's one client registration at the provider, read by OIDC discovery on first use rather than at
 * startup, so that Besa (and its password login) starts even while the provider is unreachable.
 */
final class OidcClient implements ClientRegistrationRepository {
    private static final Logger log = LoggerFactory.getLogger(OidcClient.class);
    private final OidcProperties settings;
    private volatile ClientRegistration registration;

    OidcClient(OidcProperties settings) {
        this.settings = settings;
    }

    @Override
    public ClientRegistration findByRegistrationId(String id) {
        if (!OidcProperties.REGISTRATION_ID.equals(id)) return null;
        ClientRegistration r = registration;
        if (r == null) {
            synchronized (this) {
                if (registration == null) registration = discover();
                r = registration;
            }
        }
        return r;
    }

    private ClientRegistration discover() {
        try {
            boolean publicClient = settings.clientSecret().isEmpty();
            return ClientRegistrations.fromOidcIssuerLocation(settings.issuerUri())
                    .registrationId(OidcProperties.REGISTRATION_ID)
                    .clientName(settings.providerName())
                    .clientId(settings.clientId())
                    .clientSecret(settings.clientSecret())
                    .clientAuthenticationMethod(publicClient ? ClientAuthenticationMethod.NONE : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .scope("openid", "profile")
                    .userNameAttributeName(settings.usernameClaim())
                    // PKCE for confidential clients too (RFC 9700); public clients get it anyway.
                    .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
                    .build();
        } catch (RuntimeException e) {
            log.warn("OpenID provider {} could not be discovered: {}", settings.issuerUri(), e.getMessage());
            throw e;
        }
    }
}
