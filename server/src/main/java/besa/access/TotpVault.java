package besa.access;

import besa.platform.SealingKeys;
import besa.platform.SecretFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the TOTP secrets in table {@code totp_secret} encrypted with the keys of
 * {@code besa.access.totp-key-file} (default {@code <data-dir>/totp.key}), so that a copy of the
 * database alone does not yield anyone's codes. At start-up, before the web server listens, it
 * checks that the key file opens what is stored, then encrypts rows still in the clear (stored
 * before V75) and re-encrypts rows sealed with an older key version (rotation). The key file is
 * created on first use, but never while the database holds secrets sealed with a key it lacks.
 */
@Component
class TotpVault implements SmartInitializingSingleton {
    private static final Logger log = LoggerFactory.getLogger(TotpVault.class);
    private static final String LABEL = "TOTP";

    private record Row(String username, byte[] secret, Integer version) {}

    private final JdbcClient jdbc;
    private final Path file;
    private SealingKeys keys;

    @Autowired
    TotpVault(JdbcClient jdbc,
              @Value("${besa.data-dir:./data}") Path dataDir,
              @Value("${besa.db.ephemeral:false}") boolean ephemeral,
              @Value("${besa.access.totp-key-file:}") String keyFile) {
        this(jdbc, keyFile.isBlank() ? SecretFiles.baseDir(dataDir, ephemeral).resolve("totp.key") : Path.of(keyFile));
    }

    TotpVault(JdbcClient jdbc, Path file) {
        this.jdbc = jdbc;
        this.file = file;
    }

    @Override
    public void afterSingletonsInstantiated() {
        keys();
    }

    /** The keys, opened (and the stored secrets brought up to date) on first use. */
    synchronized SealingKeys keys() {
        if (keys == null) {
            keys = open();
            sealStored();
        }
        return keys;
    }

    byte[] seal(String username, byte[] secret) {
        return keys().seal(username, secret);
    }

    byte[] open(String username, byte[] sealed) {
        return keys().open(username, sealed);
    }

    private SealingKeys open() {
        return SealingKeys.openOrCreate(file, LABEL, "the keys that encrypt the TOTP secrets in the database; without them no authenticator app works",
                () -> jdbc.sql("select count(*) from totp_secret where key_version is not null").query(Long.class).single(),
                "TOTP secrets", " (besa.access.totp-key-file). A new key would lock every user out of their authenticator app.");
    }

    /**
     * Checks that each key version in use opens at least one stored secret (a wrong key file opens
     * none, and then nothing is touched), then seals plaintext rows and re-seals rows of older
     * versions. A single row that does not open (copied from another account, altered) is left as
     * it is: that account's codes are refused until it enrols again.
     */
    void sealStored() {
        List<Row> rows = jdbc.sql("select username, secret, key_version from totp_secret")
                .query((rs, n) -> new Row(rs.getString(1), rs.getBytes(2), rs.getObject(3, Integer.class)))
                .list();
        Map<Integer, int[]> openedAndFailed = new TreeMap<>();
        for (Row r : rows) {
            if (r.version() == null) continue;
            if (!keys.has(r.version())) {
                throw new IllegalStateException("TOTP secrets in the database are encrypted with key version " + r.version()
                        + ", which the TOTP key file " + file + " does not hold: restore that key to the file");
            }
            int[] counts = openedAndFailed.computeIfAbsent(r.version(), v -> new int[2]);
            counts[tryOpen(r) == null ? 1 : 0]++;
        }
        openedAndFailed.forEach((version, counts) -> {
            if (counts[0] == 0) {
                throw new IllegalStateException("the TOTP key file " + file + " does not decrypt any of the " + counts[1]
                        + " TOTP secrets encrypted with its key version " + version + ": it is the wrong key file (besa.access.totp-key-file)");
            }
        });
        int resealed = 0;
        for (Row r : rows) {
            if (r.version() != null && r.version() == keys.current()) continue;
            byte[] secret = r.version() == null ? r.secret() : tryOpen(r);
            if (secret == null) {
                log.warn("The TOTP secret of {} does not decrypt with key version {} of {}; its authenticator codes are refused until it enrols again",
                        r.username(), r.version(), file);
                continue;
            }
            // Only if the row is still what was read: an enrolment in between wins.
            resealed += jdbc.sql("update totp_secret set secret = ?, key_version = ? where username = ? and secret = ?")
                    .params(keys.seal(r.username(), secret), keys.current(), r.username(), r.secret()).update();
        }
        if (resealed > 0) log.info("Encrypted {} TOTP secrets with key version {} of {}", resealed, keys.current(), file);
    }

    private byte[] tryOpen(Row r) {
        try {
            return keys.open(r.username(), r.secret());
        } catch (SealingKeys.Unreadable e) {
            return null;
        }
    }
}
