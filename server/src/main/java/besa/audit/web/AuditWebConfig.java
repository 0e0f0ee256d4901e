package besa.audit.web;

import besa.access.ApiSecurity;
import besa.audit.AuditLog;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Request auditing, and who may use the audit API. */
@Configuration(proxyBeanMethods = false)
class AuditWebConfig {

    /** Runs after Spring Security's filter (order -100), so the user is known, and before any handler. */
    @Bean
    FilterRegistrationBean<AuditRequestFilter> auditRequestFilter(AuditLog audit) {
        var registration = new FilterRegistrationBean<>(new AuditRequestFilter(audit));
        registration.setOrder(0);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /**
     * The audit API: checkpoints on demand for administrators and auditors; the trail for auditors;
     * the witness endpoint is open to other nodes, since it only co-signs checkpoints signed by logs
     * it trusts (its body is capped, see AuditController).
     */
    @Bean
    @Order(0)
    SecurityFilterChain auditApi(HttpSecurity http, ApiSecurity apiSecurity) throws Exception {
        return apiSecurity.apply(http.securityMatcher("/api/audit/**"))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/audit/witness").permitAll()
                        // The trail itself: auditors only, checked (and denials audited) by AuditTrailAccess.
                        .requestMatchers(HttpMethod.GET, "/api/audit/events", "/api/audit/events/**").authenticated()
                        .requestMatchers("/api/audit/**").hasAnyRole("ADMINISTRATOR", "AUDITOR")
                        .anyRequest().denyAll())
                .build();
    }
}
