package besa.access;

import besa.access.CredentialEvent.Kind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second factors of each account: its TOTP secret, its passkeys (kept by Spring Security's
 * WebAuthn tables) and its recovery codes. Every change and every use publishes a
 * {@link CredentialEvent} inside the transaction, so that a change the audit trail cannot record
 * is rolled back.
 */
@Service
public class SecondFactors {
    public static final int RECOVERY_CODES = 10;
    /** Recovery-code characters: base 32 without the easily confused 0/O and 1/I/L. */
    private static final String CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /** A registered passkey; {@code id} is its credential id in base64url, as Spring's tables keep it. */
    public record Passkey(String id, String label, String created, String lastUsed) {}

    private static final Logger log = LoggerFactory.getLogger(SecondFactors.class);

    private final JdbcClient jdbc;
    private final TotpVault vault;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SecondFactors(JdbcClient jdbc, TotpVault vault, ApplicationEventPublisher events, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.events = events;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    public Clock clock() {
        return clock;
    }

    /** Whether the account can complete a sign-in: a TOTP secret or at least one passkey. */
    public boolean enrolled(String username) {
        return hasTotp(username) || !passkeys(username).isEmpty();
    }

    /**
     * Whether the account has ever had a second factor (stamped at the first enrolment, never cleared).
     * Only an account that never had one may enrol with the password alone.
     */
    public boolean everEnrolled(String username) {
        return jdbc.sql("select count(*) from app_user where username = ? and second_factor_enrolled_at is not null")
                .param(username).query(Long.class).single() > 0 || enrolled(username);
    }

    /** Stamps the first enrolment of a factor (TOTP here, a passkey through Spring's registration). */
    @EventListener
    void stampFirstEnrolment(CredentialEvent e) {
        if (e.kind() != Kind.ENROLLED) return;
        jdbc.sql("update app_user set second_factor_enrolled_at = ? where username = ? and second_factor_enrolled_at is null")
                .params(Timestamp.from(clock.instant()), e.username()).update();
    }

    public boolean hasTotp(String username) {
        return jdbc.sql("select count(*) from totp_secret where username = ?").param(username).query(Long.class).single() > 0;
    }

    public List<Passkey> passkeys(String username) {
        return jdbc.sql("""
                select c.credential_id, c.label, to_char(c.created, 'YYYY-MM-DD HH24:MI'), coalesce(to_char(c.last_used, 'YYYY-MM-DD HH24:MI'), '')
                from user_credentials c join user_entities u on u.id = c.user_entity_user_id
                where u.name = ? order by c.created""")
                .param(username)
                .query((rs, n) -> new Passkey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    /**
     * Stores {@code secret} as the account's TOTP secret, replacing any earlier one. {@code confirmedStep}
     * is the step of the code that proved the user holds the secret (never accepted again), or -1.
     */
    @Transactional
    public void enrolTotp(String username, byte[] secret, long confirmedStep, String client) {
        if (secret.length < 16) throw new IllegalArgumentException("a TOTP secret needs at least 128 bits");
        byte[] sealed = vault.seal(username, secret);
        jdbc.sql("""
                insert into totp_secret (username, secret, key_version, last_used_step) values (?, ?, ?, ?)
                on conflict (username) do update set secret = excluded.secret, key_version = excluded.key_version,
                    last_used_step = excluded.last_used_step, enrolled_at = now()""")
                .params(username, sealed, besa.platform.SealingKeys.versionOf(sealed), confirmedStep).update();
        events.publishEvent(new CredentialEvent(username, Kind.ENROLLED, "TOTP", client));
    }

    /**
     * The account's secret, decrypted; empty if it has none or if the stored one does not decrypt
     * for this account (copied from another row, altered): then its codes are refused. Shown to
     * nobody but the demo accounts' file (real secrets never leave the server).
     */
    public Optional<byte[]> totpSecret(String username) {
        record Stored(byte[] secret, Integer version) {}
        Optional<Stored> stored = jdbc.sql("select secret, key_version from totp_secret where username = ?").param(username)
                .query((rs, n) -> new Stored(rs.getBytes(1), rs.getObject(2, Integer.class))).optional();
        return stored.flatMap(s -> {
            if (s.version() == null) return Optional.of(s.secret()); // still in the clear: the vault encrypts it at start-up
            try {
                return Optional.of(vault.open(username, s.secret()));
            } catch (besa.platform.SealingKeys.Unreadable e) {
                log.warn("The stored TOTP secret of {} is refused: {}", username, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /**
     * Checks a TOTP code at sign-in and spends its time step: the same code (or an earlier one)
     * is never accepted again. The sign-in filter publishes the outcome as an authentication event.
     */
    @Transactional
    public boolean verifyTotp(String username, String code, String client) {
        boolean ok = totpSecret(username).map(secret -> {
            long step = Totp.matchingStep(secret, code, clock.instant());
            // The condition on last_used_step makes concurrent replays lose as well.
            return step >= 0 && jdbc.sql("update totp_secret set last_used_step = ? where username = ? and last_used_step < ?")
                    .params(step, username, step).update() == 1;
        }).orElse(false);
        return ok;
    }

    /** Replaces the account's recovery codes with {@value #RECOVERY_CODES} new ones, returned once and stored hashed. */
    @Transactional
    public List<String> issueRecoveryCodes(String username, String client) {
        jdbc.sql("delete from recovery_code where username = ?").param(username).update();
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        for (int i = 0; i < RECOVERY_CODES; i++) {
            String code = newRecoveryCode();
            codes.add(code);
            jdbc.sql("insert into recovery_code (username, code_hash) values (?, ?)").params(username, hash(code)).update();
        }
        events.publishEvent(new CredentialEvent(username, Kind.RECOVERY_CODES_ISSUED, "recovery codes", client));
        return codes;
    }

    public boolean recoveryCodesIssued(String username) {
        return jdbc.sql("select count(*) from recovery_code where username = ?").param(username).query(Long.class).single() > 0;
    }

    public long unusedRecoveryCodes(String username) {
        return jdbc.sql("select count(*) from recovery_code where username = ? and used_at is null").param(username).query(Long.class).single();
    }

    /** Spends a recovery code at sign-in; each code works once. Its use is a credential change. */
    @Transactional
    public boolean useRecoveryCode(String username, String code, String client) {
        boolean ok = code != null && !code.isBlank() && jdbc.sql(
                        "update recovery_code set used_at = now() where username = ? and code_hash = ? and used_at is null")
                .params(username, hash(code)).update() == 1;
        if (ok) events.publishEvent(new CredentialEvent(username, Kind.RECOVERY_CODE_USED, "recovery code", client));
        return ok;
    }

    /** 16 characters from 31 (about 79 bits), in groups of four. */
    String newRecoveryCode() {
        StringBuilder b = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) b.append('-');
            b.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return b.toString();
    }

    /** Hash of the code as typed, ignoring case, spaces and hyphens. */
    static byte[] hash(String code) {
        String normal = code.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        try {
            return MessageDigest.getInstance("SHA-256").digest(normal.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
