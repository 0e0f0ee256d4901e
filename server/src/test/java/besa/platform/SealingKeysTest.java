package besa.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file and the AES-GCM sealing of secrets (TOTP, exchange), without a database. */
class SealingKeysTest {
    @TempDir Path dir;

    @Test
    void aSealedSecretOpensOnlyForItsAccountAndUnaltered() {
        SealingKeys keys = SealingKeys.create(dir.resolve("totp.key"), "TOTP", "test keys");
        byte[] secret = secret();
        byte[] sealed = keys.seal("alice", secret);
        assertThat(sealed).hasSize(1 + SealingKeys.NONCE_BYTES + secret.length + 16);
        assertThat(sealed[0]).isEqualTo((byte) 1);
        assertThat(keys.open("alice", sealed)).isEqualTo(secret);
        assertThat(keys.seal("alice", secret)).as("a fresh nonce each time").isNotEqualTo(sealed);

        assertThatThrownBy(() -> keys.open("bob", sealed)).isInstanceOf(SealingKeys.Unreadable.class);
        byte[] altered = sealed.clone();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> keys.open("alice", altered)).isInstanceOf(SealingKeys.Unreadable.class);
        byte[] otherVersion = sealed.clone();
        otherVersion[0] = 2;
        assertThatThrownBy(() -> keys.open("alice", otherVersion)).isInstanceOf(SealingKeys.Unreadable.class)
                .hasMessageContaining("key version 2");
    }

    @Test
    void aMissingKeyFileIsCreatedOnlyWhileNothingInTheDatabaseIsSealedWithIt() {
        Path file = dir.resolve("secrets.key");
        assertThatThrownBy(() -> SealingKeys.openOrCreate(file, "test", "test keys", () -> 3, "secrets", " (restore it first)"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the test key file " + file + " is missing, but 3 secrets in the database are encrypted with it:"
                        + " restore the file from its backup (restore it first)");
        assertThat(file).doesNotExist();

        byte[] secret = secret();
        byte[] sealed = SealingKeys.openOrCreate(file, "test", "test keys", () -> 0, "secrets", "").seal("row-1", secret);
        assertThat(file).exists();
        // Present: loaded as it is, whatever the database holds; the same key opens what it sealed.
        assertThat(SealingKeys.openOrCreate(file, "test", "test keys", () -> 5, "secrets", "").open("row-1", sealed)).isEqualTo(secret);
    }

    @Test
    void theKeyFileIsCreatedOwnerOnlyAndNeverReplaced() throws Exception {
        Path file = dir.resolve("keys/totp.key");
        SealingKeys.create(file, "TOTP", "test keys");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String before = Files.readString(file);
        assertThatThrownBy(() -> SealingKeys.create(file, "TOTP", "test keys")).hasMessageContaining(file.toString());
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void aNewerKeyVersionSealsAndTheOlderStillOpens() throws Exception {
        Path file = dir.resolve("totp.key");
        byte[] secret = secret();
        byte[] old = SealingKeys.create(file, "TOTP", "test keys").seal("alice", secret);
        Files.writeString(file, "2 " + Base64.getEncoder().encodeToString(new byte[32]) + "\n", java.nio.file.StandardOpenOption.APPEND);
        SealingKeys rotated = SealingKeys.load(file, "TOTP");
        assertThat(rotated.current()).isEqualTo(2);
        assertThat(rotated.open("alice", old)).isEqualTo(secret);
        byte[] fresh = rotated.seal("alice", secret);
        assertThat(fresh[0]).isEqualTo((byte) 2);
        assertThat(rotated.open("alice", fresh)).isEqualTo(secret);
    }

    @Test
    void aMissingOrMalformedKeyFileIsAnErrorNamingIt() throws Exception {
        Path missing = dir.resolve("absent.key");
        assertThatThrownBy(() -> SealingKeys.load(missing, "TOTP")).hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
        Path bad = dir.resolve("bad.key");
        Files.writeString(bad, "# comment\n1 not-base64!\n");
        assertThatThrownBy(() -> SealingKeys.load(bad, "TOTP")).hasMessageContaining(bad + ", line 2").hasMessageContaining("base64");
        Files.writeString(bad, "1 " + Base64.getEncoder().encodeToString(new byte[16]) + "\n");
        assertThatThrownBy(() -> SealingKeys.load(bad, "TOTP")).hasMessageContaining("16 bytes");
        Files.writeString(bad, "# nothing\n");
        assertThatThrownBy(() -> SealingKeys.load(bad, "TOTP")).hasMessageContaining(bad + " holds no key");
    }

    private static byte[] secret() {
        byte[] s = new byte[20];
        new java.security.SecureRandom().nextBytes(s);
        return s;
    }
}
