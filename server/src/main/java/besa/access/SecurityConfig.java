package besa.access;

import besa.access.oidc.OidcLogin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/** Deny by default: nothing but the login page, static assets and the health probe is served without login. */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

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
                        .anyRequest().authenticated())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, ApiSecurity apiSecurity, ObjectProvider<OidcLogin> oidc) throws Exception {
        OidcLogin sso = oidc.getIfAvailable(); // single sign-on, only when besa.oidc.issuer-uri is set
        if (sso != null) sso.applyTo(http);
        // Sessions and lockout (besa.access): a throttled address is refused before the login is tried;
        // every request of a session re-reads the account (status, roles) and enforces idle and absolute timeouts.
        http.addFilterBefore(apiSecurity.loginThrottle(), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(apiSecurity.sessionPolicy(), AuthorizationFilter.class);
        return http
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMINISTRATOR.name())
                        .requestMatchers("/admin/**").hasRole(Role.ADMINISTRATOR.name())
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'")))
                .build();
    }
}
