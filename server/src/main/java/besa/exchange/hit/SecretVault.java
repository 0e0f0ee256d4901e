package besa.exchange.hit;

import besa.platform.SealingKeys;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Encrypts the exchange's matching secrets at rest: the CLK key agreed with each partner
 * ({@code exchange_clk_secret}) and the requester's PSI exponent of an open run
 * ({@code exchange_xmatch_own}). The AES-256 keys are in their own file,
 * {@code <exchange key-dir>/secrets.key} (the {@link SealingKeys} format the TOTP secrets use, keyed
 * separately), so a copy of the database alone yields neither. Each sealed value is bound to its row
 * ({@code clk/<partner>}, {@code psi/<session>}): copied to another row it does not open.
 *
 * <p>On first use the file is created, unless sealed rows exist already (then its absence is an error
 * that names the file: a new key would open nothing); CLK secrets stored in the clear before V145 are
 * sealed then.
 */
final class SecretVault {
    private static final Logger log = LoggerFactory.getLogger(SecretVault.class);
    static final String LABEL = "exchange secrets";

    private final JdbcClient jdbc;
    private final Path file;
    private SealingKeys keys;

    SecretVault(JdbcClient jdbc, Path file) {
        this.jdbc = jdbc;
        this.file = file;
    }

    static String clkContext(String partnerId) {
        return "clk/" + partnerId;
    }

    static String psiContext(java.util.UUID session) {
        return "psi/" + session;
    }

    synchronized SealingKeys keys() {
        if (keys == null) {
            keys = open();
            sealPlainClkSecrets();
        }
        return keys;
    }

    byte[] seal(String context, byte[] secret) {
        return keys().seal(context, secret);
    }

    /** The secret; {@link SealingKeys.Unreadable} if the row was altered, moved or sealed with another key file. */
    byte[] open(String context, byte[] sealed) {
        return keys().open(context, sealed);
    }

    int version() {
        return keys().current();
    }

    private SealingKeys open() {
        return SealingKeys.openOrCreate(file, LABEL, "the keys that encrypt the exchange's cross-matching secrets (CLK keys, PSI exponents) in the database",
                () -> jdbc.sql("""
                        select (select count(*) from exchange_clk_secret where key_version is not null)
                             + (select count(*) from exchange_xmatch_own where secret is not null)""").query(Long.class).single(),
                "secrets", "");
    }

    /** CLK secrets written before they were encrypted (V145): sealed now, in place. */
    private void sealPlainClkSecrets() {
        var plain = jdbc.sql("select partner_id, secret from exchange_clk_secret where key_version is null")
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getBytes(2)}).list();
        for (Object[] row : plain) {
            String partner = (String) row[0];
            jdbc.sql("update exchange_clk_secret set secret = ?, key_version = ? where partner_id = ? and key_version is null")
                    .params(keys.seal(clkContext(partner), (byte[]) row[1]), keys.current(), partner).update();
        }
        if (!plain.isEmpty()) log.info("Encrypted {} stored CLK secrets with {}", plain.size(), file);
    }
}
