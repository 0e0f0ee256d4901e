package besa.access;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Settings, and the clock that lockouts, sessions and tokens are timed by (tests set their own). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessSettings.class)
class AccessConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
