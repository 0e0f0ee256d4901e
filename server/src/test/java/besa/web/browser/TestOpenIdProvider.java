package besa.web.browser;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

/**
 * A real OpenID provider for the tests: Spring Authorization Server in a small application context of
 * its own, with its own embedded Tomcat on a random loopback port. It knows users (password login on
 * its own page) and, per user, what its ID tokens claim: the user name, {@code amr}, and optionally a
 * forged {@code nonce} or a {@code roles} claim that Besa must ignore.
 */
final class TestOpenIdProvider implements AutoCloseable {
    /** What the provider's ID token says about one of its users. */
    record Profile(String preferredUsername, List<String> amr, boolean forgeNonce) {}

    private final AnnotationConfigServletWebServerApplicationContext context;
    private final Provider provider;

    private TestOpenIdProvider(AnnotationConfigServletWebServerApplicationContext context) {
        this.context = context;
        this.provider = context.getBean(Provider.class);
    }

    static TestOpenIdProvider start() {
        var context = new AnnotationConfigServletWebServerApplicationContext(Provider.class);
        return new TestOpenIdProvider(context);
    }

    /** Its issuer; the provider answers on the loopback address only. */
    String issuer() {
        return "http://127.0.0.1:" + context.getWebServer().getPort();
    }

    /** Registers a confidential client that must use PKCE and is never asked for consent. */
    void registerClient(String clientId, String secret, String redirectUri) {
        provider.clients.put(clientId, RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(clientId)
                .clientSecret("{noop}" + secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(redirectUri)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .build());
    }

    /** A user who logs in at the provider with login + password, and the ID token it then gets. */
    void addUser(String login, String password, Profile profile) {
        provider.users.createUser(User.withUsername(login).password("{noop}" + password).roles("USER").build());
        provider.profiles.put(login, profile);
    }

    @Override
    public void close() {
        context.close();
    }

    /** A test configuration, so that Besa's own component scan (over besa.*) leaves it out. */
    @TestConfiguration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class Provider {
        final Map<String, RegisteredClient> clients = new ConcurrentHashMap<>();
        final Map<String, Profile> profiles = new ConcurrentHashMap<>();
        final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();

        @Bean
        TomcatServletWebServerFactory providerServer() throws Exception {
            TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
            factory.setAddress(InetAddress.getByName("127.0.0.1"));
            factory.setRegisterDefaultServlet(true); // without any servlet, Tomcat answers 404 before the filters run
            return factory;
        }

        /** Both servers run on 127.0.0.1: a cookie name of its own keeps the provider's session apart from Besa's. */
        @Bean
        ServletContextInitializer providerSessionCookie() {
            return servletContext -> servletContext.getSessionCookieConfig().setName("PROVIDERSESSION");
        }

        @Bean
        @Order(1)
        SecurityFilterChain protocol(HttpSecurity http) throws Exception {
            return http
                    .oauth2AuthorizationServer(as -> {
                        http.securityMatcher(as.getEndpointsMatcher());
                        as.oidc(Customizer.withDefaults());
                    })
                    .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .exceptionHandling(e -> e.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
                    .oauth2ResourceServer(r -> r.jwt(Customizer.withDefaults())) // the user info endpoint
                    .build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain login(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return users;
        }

        @Bean
        RegisteredClientRepository registeredClients() {
            return new RegisteredClientRepository() {
                @Override
                public void save(RegisteredClient client) {
                    clients.put(client.getClientId(), client);
                }

                @Override
                public RegisteredClient findById(String id) {
                    return clients.values().stream().filter(c -> c.getId().equals(id)).findFirst().orElse(null);
                }

                @Override
                public RegisteredClient findByClientId(String clientId) {
                    return clients.get(clientId);
                }
            };
        }

        /** Each user's ID token carries their user name and amr, as Keycloak's would. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims() {
            return context -> {
                if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) return;
                Profile p = profiles.get(context.getPrincipal().getName());
                if (p == null) return;
                context.getClaims().claim("preferred_username", p.preferredUsername()).claim("amr", p.amr())
                        // A provider that claims privileges: Besa must take roles from its own accounts only.
                        .claim("roles", List.of("ADMINISTRATOR")).claim("groups", List.of("besa-admins"));
                if (p.forgeNonce()) context.getClaims().claim(OidcParameterNames.NONCE, "not-the-nonce-besa-sent");
            };
        }

        @Bean
        JWKSource<SecurityContext> signingKeys() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
