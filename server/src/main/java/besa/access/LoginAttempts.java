package besa.access;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins in the database and blocks on them: an account after
 * {@link AccessSettings#accountFailures()} failures in the window (brute force), a source address
 * after more than {@link AccessSettings#addressFailures()} (password spraying across accounts).
 * A block lasts {@link AccessSettings#lockDuration()}; a successful login neither lifts it nor
 * clears the count. Lock and throttle are audited as account changes.
 */
@Component
class LoginAttempts {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final AccessSettings settings;
    private final ApplicationEventPublisher events;

    LoginAttempts(JdbcClient jdbc, Clock clock, AccessSettings settings, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    /** Every failed authentication Spring Security reports (form login, and whatever a later factor adds). */
    @EventListener
    void failed(AbstractAuthenticationFailureEvent e) {
        Authentication a = e.getAuthentication();
        String address = a != null && a.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
        recordFailure(a == null ? null : a.getName(), address == null ? "" : address);
    }

    /** Records a failed login from {@code address} for the typed {@code username} (kept only if the account exists). */
    void recordFailure(String username, String address) {
        Instant now = clock.instant();
        Timestamp since = Timestamp.from(now.minus(settings.failureWindow()));
        String account = username == null ? null
                : jdbc.sql("select username from app_user where username = ?").param(username).query(String.class).optional().orElse(null);
        jdbc.sql("insert into login_failure (username, client_address, at) values (?, ?, ?)")
                .params(account, address, Timestamp.from(now)).update();
        jdbc.sql("delete from login_failure where at < ?").param(Timestamp.from(now.minus(Duration.ofDays(1)))).update();
        if (account != null) {
            long n = jdbc.sql("select count(*) from login_failure where username = ? and at > ?").params(account, since)
                    .query(Long.class).single();
            if (n >= settings.accountFailures() && block("ACCOUNT", account, now)) {
                events.publishEvent(new AccessEvent(AccessEvent.SYSTEM, AccessEvent.Type.ACCOUNT_CHANGE, account,
                        "locked for " + settings.lockDuration() + " after " + n + " failed logins within " + settings.failureWindow(), address));
            }
        }
        long fromAddress = jdbc.sql("select count(*) from login_failure where client_address = ? and at > ?").params(address, since)
                .query(Long.class).single();
        if (fromAddress > settings.addressFailures() && block("ADDRESS", address, now)) {
            events.publishEvent(new AccessEvent(AccessEvent.SYSTEM, AccessEvent.Type.ACCOUNT_CHANGE, "address " + address,
                    "address throttled for " + settings.lockDuration() + " after " + fromAddress + " failed logins within "
                            + settings.failureWindow(), address));
        }
    }

    /** Blocks the subject unless it is blocked already; true if this call blocked it. */
    private boolean block(String kind, String subject, Instant now) {
        return jdbc.sql("""
                insert into login_block (kind, subject, blocked_until) values (?, ?, ?)
                on conflict (kind, subject) do update set blocked_until = excluded.blocked_until
                 where login_block.blocked_until <= ?""")
                .params(kind, subject, Timestamp.from(now.plus(settings.lockDuration())), Timestamp.from(now)).update() > 0;
    }

    /** Whether logins and tokens from this address are refused now. */
    boolean throttled(String address) {
        return jdbc.sql("select count(*) from login_block where kind = 'ADDRESS' and subject = ? and blocked_until > ?")
                .params(address, Timestamp.from(clock.instant())).query(Long.class).single() > 0;
    }

    /** Lifts an account's lock and forgets its failures (administrator's unlock). True if it was locked. */
    boolean unlock(String username) {
        jdbc.sql("delete from login_failure where username = ?").param(username).update();
        return jdbc.sql("delete from login_block where kind = 'ACCOUNT' and subject = ? and blocked_until > ?")
                .params(username, Timestamp.from(clock.instant())).update() > 0;
    }
}
