package besa.access.oidc;

import besa.access.UserAccounts;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Single sign-on beans, created only when {@code besa.oidc.issuer-uri} is set; without it Besa has none of them. */
@Configuration(proxyBeanMethods = false)
@Conditional(OidcConfig.Configured.class)
@EnableConfigurationProperties(OidcProperties.class)
class OidcConfig {

    @Bean
    OidcClient oidcClient(OidcProperties settings) {
        settings.check();
        return new OidcClient(settings);
    }

    @Bean
    OidcLogin oidcLogin(OidcClient client, OidcProperties settings, UserAccounts accounts, JdbcClient jdbc,
                        ApplicationEventPublisher events) {
        return new OidcLogin(client, new OidcAccounts(settings, accounts, jdbc), new OidcFailureHandler(events));
    }

    @Bean
    OidcLoginPage oidcLoginPage(OidcProperties settings) {
        return new OidcLoginPage(settings.providerName());
    }

    /** True when an issuer is configured; a blank value (e.g. an unset environment variable) is off. */
    static class Configured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String issuer = context.getEnvironment().getProperty("besa.oidc.issuer-uri");
            return issuer != null && !issuer.isBlank();
        }
    }
}
