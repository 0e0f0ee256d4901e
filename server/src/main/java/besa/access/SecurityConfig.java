package besa.access;

import besa.access.oidc.OidcLogin;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.DefaultAuthorizationManagerFactory;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.authorization.EnableMultiFactorAuthentication;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/** Deny by default: nothing but the login page, static assets and the health probe is served without login. */
@Configuration(proxyBeanMethods = false)
// Lets each sign-in filter (password, passkey, second factor) add its factor to the session's
// authentication instead of replacing it; the required factors are set by the factory below.
@EnableMultiFactorAuthentication(authorities = {})
public class SecurityConfig {
    /** How recent the second factor must be to replace the authenticator app or the recovery codes. */
    static final Duration RECENT = Duration.ofMinutes(10);

    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    /** The REST API: stateless, API tokens (no HTTP Basic), errors as problem details rather than login redirects. */
    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiSecurity apiSecurity) throws Exception {
        return apiSecurity.apply(http.securityMatcher("/api/**"))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/admin/**").hasRole(Role.ADMINISTRATOR.name())
                        // Vetting material: the vetting unit only (besa.vetting.VettingAccess narrows further, e.g. never about oneself).
                        .requestMatchers("/api/vetting/**").hasRole(Role.VETTING_OFFICER.name())
                        // STIX in and out is an import or export like any other (analysts, CERT feeds): the policy decides.
                        .requestMatchers("/api/exchange/stix").authenticated()
                        // Partner exchange (messages, approvals, hit/no-hit releases, export packages for partners): liaison officers only.
                        .requestMatchers("/api/exchange/**").hasRole(Role.LIAISON_OFFICER.name())
                        // "May this officer be assigned?": yes/no for operations, training and the vetting unit (besa.vetting.Assignability).
                        .requestMatchers("/api/assignability/**").hasAnyRole(Role.OPERATIONS_COMMANDER.name(),
                                Role.TRAINING_COORDINATOR.name(), Role.VETTING_OFFICER.name())
                        .anyRequest().authenticated())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, ApiSecurity apiSecurity, ObjectProvider<OidcLogin> oidc,
                              SecondFactors factors, UserAccounts accounts, Passkeys passkeys,
                              AuthenticationEventPublisher events) throws Exception {
        OidcLogin sso = oidc.getIfAvailable(); // single sign-on, only when besa.oidc.issuer-uri is set
        if (sso != null) sso.applyTo(http);
        // Sessions and lockout (besa.access): a throttled address is refused before the login is tried;
        // every request of a session re-reads the account (status, roles) and enforces idle and absolute timeouts.
        http.addFilterBefore(apiSecurity.loginThrottle(), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(apiSecurity.sessionPolicy(), AuthorizationFilter.class);
        // --- second factor (MFA): pages reachable after the password alone, and the sign-in steps ---
        AuthorizationManager<RequestAuthorizationContext> passwordOnly = AuthorityAuthorizationManager.hasAuthority(Factors.PASSWORD);
        // First enrolment with the password alone, only for an account that never had a second factor
        // (removing every factor must not reopen it); afterwards adding a passkey is a credential change.
        AuthorizationManager<RequestAuthorizationContext> enrolment = (auth, ctx) -> new AuthorizationDecision(
                Factors.has(auth.get(), Factors.PASSWORD) && !factors.everEnrolled(auth.get().getName()));
        AuthorizationManager<RequestAuthorizationContext> recent = Factors.passwordAndRecentSecondFactor(RECENT);
        AuthorizationManager<RequestAuthorizationContext> addPasskey = (auth, ctx) -> new AuthorizationDecision(
                enrolment.authorize(auth, ctx).isGranted() || recent.authorize(auth, ctx).isGranted());
        http.authorizeHttpRequests(a -> a
                        .requestMatchers(SecondFactorLogin.URL).access(passwordOnly)
                        .requestMatchers("/mfa/enrol", "/mfa/enrol/**").access(enrolment)
                        .requestMatchers(HttpMethod.POST, "/webauthn/register").access(addPasskey)
                        // Spring's own removal skips Besa's rules and audit reason: /security/passkeys/remove does it.
                        .requestMatchers(HttpMethod.DELETE, "/webauthn/register/**").denyAll()
                        .requestMatchers("/security/totp", "/security/recovery-codes", "/security/passkeys/**").access(Factors.passwordAndRecentSecondFactor(RECENT)))
                .addFilterAfter(SecondFactorLogin.filter(factors, accounts, events), UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(e -> e.defaultDeniedHandlerForMissingAuthority(
                        (request, response, denied) -> response.sendRedirect(request.getContextPath() + SecondFactorLogin.URL),
                        Factors.TOTP))
                .webAuthn(w -> w.rpName("Besa").rpId(passkeys.rpId()).allowedOrigins(passkeys.allowedOrigins())
                        .disableDefaultRegistrationPage(true));
        // --- end second factor ---
        return http
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMINISTRATOR.name())
                        .requestMatchers("/admin/**").hasRole(Role.ADMINISTRATOR.name())
                        .requestMatchers("/vetting/**").hasRole(Role.VETTING_OFFICER.name())
                        .requestMatchers("/exchange/**").hasRole(Role.LIAISON_OFFICER.name())
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'")))
                .build();
    }

    /**
     * Every rule built with authenticated(), hasRole() and the like also requires the password and
     * a second factor ({@link Factors#passwordAndSecondFactor()}). Requests under /api/ are exempt:
     * they carry API tokens, which only a session with both factors can issue.
     */
    @Bean
    DefaultAuthorizationManagerFactory<Object> authorizationManagerFactory() {
        AuthorizationManager<Object> mfa = Factors.passwordAndSecondFactor();
        DefaultAuthorizationManagerFactory<Object> factory = new DefaultAuthorizationManagerFactory<>();
        factory.setAdditionalAuthorization((auth, object) -> object instanceof RequestAuthorizationContext c
                && c.getRequest().getRequestURI().startsWith(c.getRequest().getContextPath() + "/api/")
                ? new AuthorizationDecision(true) : mfa.authorize(auth, object));
        return factory;
    }
}
