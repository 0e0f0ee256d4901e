package besa.access;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lockout, throttling, session and token limits ({@code besa.access.*}).
 *
 * @param accountFailures failed logins within {@code failureWindow} that lock an account
 * @param addressFailures failed logins from one source address within {@code failureWindow} that
 *                        are tolerated; one more and the address is refused (password spraying)
 * @param failureWindow   how far back failures are counted
 * @param lockDuration    how long a locked account or a throttled address stays refused
 * @param idleTimeout     a session unused this long ends
 * @param absoluteTimeout a session this old (since login) ends: the user logs in again
 * @param tokenLifetime   default lifetime of an API token
 */
@ConfigurationProperties("besa.access")
public record AccessSettings(
        @DefaultValue("5") int accountFailures,
        @DefaultValue("20") int addressFailures,
        @DefaultValue("15m") Duration failureWindow,
        @DefaultValue("15m") Duration lockDuration,
        @DefaultValue("30m") Duration idleTimeout,
        @DefaultValue("12h") Duration absoluteTimeout,
        @DefaultValue("90d") Duration tokenLifetime) {}
