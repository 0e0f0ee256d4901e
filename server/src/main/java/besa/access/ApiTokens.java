package besa.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: {@code besa_} and 256 random bits, shown once when issued; only their
 * SHA-256 is stored. A token acts with its account's current roles and only while the account is
 * active. Issue and revocation are audited as credential changes.
 */
@Service
public class ApiTokens {
    public static final String PREFIX = "besa_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final UserAccounts accounts;
    private final Clock clock;
    private final AccessSettings settings;
    private final ApplicationEventPublisher events;

    public ApiTokens(JdbcClient jdbc, UserAccounts accounts, Clock clock, AccessSettings settings, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.clock = clock;
        this.settings = settings;
        this.events = events;
    }

    /** A token as listed: never the token itself. */
    public record TokenInfo(long id, String username, String label, Instant createdAt, String createdBy, Instant expiresAt,
                            Instant revokedAt, String revokedBy) {
        public boolean usable(Instant now) {
            return revokedAt == null && expiresAt.isAfter(now);
        }
    }

    /** A newly issued token: {@code token} is shown to the user once and exists nowhere else. */
    public record IssuedToken(TokenInfo info, String token) {}

    /** The account a presented token belongs to and its current roles, or why the token was refused. */
    public record Check(String username, java.util.Set<Role> roles, String refusal) {}

    /**
     * Issues a token for {@code username}. {@code lifetime} null means the default (90 days);
     * at most a year.
     */
    @Transactional
    public IssuedToken issue(String actor, String clientAddress, String username, String label, Duration lifetime) {
        if (label == null || label.isBlank() || label.length() > 100) {
            throw new IllegalArgumentException("a token needs a label of 1 to 100 characters (what it is for)");
        }
        Duration life = lifetime == null ? settings.tokenLifetime() : lifetime;
        if (life.isNegative() || life.isZero() || life.compareTo(Duration.ofDays(366)) > 0) {
            throw new IllegalArgumentException("a token's lifetime must be between 1 day and 366 days, not " + life.toDays() + " days");
        }
        if (!accounts.exists(username)) throw new IllegalArgumentException("no account '" + username + "'");
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        long id = jdbc.sql("""
                insert into api_token (username, label, token_hash, created_at, created_by, expires_at)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(username, label.strip(), sha256(token), Timestamp.from(now), actor, Timestamp.from(now.plus(life)))
                .query(Long.class).single();
        events.publishEvent(new AccessEvent(actor, AccessEvent.Type.CREDENTIAL_CHANGE, username,
                "API token #" + id + " '" + label.strip() + "' issued, expires " + now.plus(life), clientAddress));
        return new IssuedToken(find(id).orElseThrow(), token);
    }

    /** Revokes token {@code id} of {@code username}; false if there is no such usable token. */
    @Transactional
    public boolean revoke(String actor, String clientAddress, String username, long id) {
        int n = jdbc.sql("update api_token set revoked_at = ?, revoked_by = ? where id = ? and username = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), actor, id, username).update();
        if (n > 0) {
            events.publishEvent(new AccessEvent(actor, AccessEvent.Type.CREDENTIAL_CHANGE, username, "API token #" + id + " revoked", clientAddress));
        }
        return n > 0;
    }

    /** The tokens of an account, newest first. */
    public List<TokenInfo> list(String username) {
        return jdbc.sql(SELECT + " where username = ? order by id desc").param(username).query(TokenInfo.class).list();
    }

    /** Who a presented token acts for, if it is known, unexpired, unrevoked and its account active. */
    public Check check(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) return new Check(null, null, "not a Besa token");
        Optional<TokenInfo> t = jdbc.sql(SELECT + " where token_hash = ?").param(sha256(presented)).query(TokenInfo.class).optional();
        if (t.isEmpty()) return new Check(null, null, "unknown token");
        TokenInfo info = t.get();
        if (info.revokedAt() != null) return new Check(info.username(), null, "token #" + info.id() + " revoked");
        if (!info.expiresAt().isAfter(clock.instant())) return new Check(info.username(), null, "token #" + info.id() + " expired");
        Optional<Account> account = accounts.find(info.username());
        AccountStatus status = account.map(Account::status).orElse(AccountStatus.DISABLED);
        if (status != AccountStatus.ACTIVE) {
            return new Check(info.username(), null, "token #" + info.id() + ": account " + status.name().toLowerCase());
        }
        return new Check(info.username(), account.get().roles(), null);
    }

    private Optional<TokenInfo> find(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(TokenInfo.class).optional();
    }

    private static final String SELECT =
            "select id, username, label, created_at, created_by, expires_at, revoked_at, revoked_by from api_token";

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
