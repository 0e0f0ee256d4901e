package besa.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** TOTP secrets at rest in real PostgreSQL: encrypted, bound to their account, and their key file checked. */
@SpringBootTest
@AutoConfigureMockMvc
class TotpAtRestTest {
    private static final String PASSWORD = "correct horse battery";

    @Autowired MockMvc mvc;
    @Autowired UserAccounts accounts;
    @Autowired SecondFactors factors;
    @Autowired TotpVault vault;
    @Autowired JdbcClient jdbc;
    @TempDir Path dir;

    private String newUser() {
        String name = "rest-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.upsert(name, "At Rest Test", PASSWORD, Set.of(Role.ANALYST));
        return name;
    }

    private byte[] enrol(String name) {
        byte[] secret = Totp.newSecret();
        factors.enrolTotp(name, secret, -1, "");
        return secret;
    }

    private byte[] stored(String name) {
        return jdbc.sql("select secret from totp_secret where username = ?").param(name).query(byte[].class).single();
    }

    /** Password, then the code; returns where the second step redirected to. */
    private String signIn(String name, String code) throws Exception {
        MockHttpSession session = (MockHttpSession) mvc.perform(formLogin().user(name).password(PASSWORD))
                .andExpect(redirectedUrl("/")).andReturn().getRequest().getSession(false);
        return mvc.perform(post("/login/second-factor").param("code", code).session(session).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl();
    }

    private static String currentCode(byte[] secret) {
        return Totp.code(secret, Totp.step(Instant.now()));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }

    @Test
    void theDatabaseHoldsCiphertextAndTheKeyFileIsOwnerOnly() throws Exception {
        String name = newUser();
        byte[] secret = enrol(name);
        byte[] stored = stored(name);
        assertThat(contains(stored, secret)).isFalse();
        assertThat(stored).hasSize(1 + besa.platform.SealingKeys.NONCE_BYTES + secret.length + 16);
        assertThat(jdbc.sql("select key_version from totp_secret where username = ?").param(name).query(Integer.class).single())
                .isEqualTo(vault.keys().current());
        assertThat(factors.totpSecret(name)).hasValueSatisfying(s -> assertThat(s).isEqualTo(secret));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vault.keys().file()))).isEqualTo("rw-------");
        assertThat(signIn(name, currentCode(secret))).isEqualTo("/");
    }

    @Test
    void aSecretCopiedToAnotherAccountIsRefusedNotACrash() throws Exception {
        String victim = newUser();
        String attacker = newUser();
        byte[] victimSecret = enrol(victim);
        byte[] attackerSecret = enrol(attacker);
        // Someone with write access to the database copies the victim's row onto another account.
        jdbc.sql("update totp_secret set secret = (select secret from totp_secret where username = ?) where username = ?")
                .params(victim, attacker).update();
        assertThat(factors.totpSecret(attacker)).isEmpty();
        assertThat(signIn(attacker, currentCode(victimSecret))).isEqualTo("/login/second-factor?error");
        assertThat(signIn(attacker, currentCode(attackerSecret))).isEqualTo("/login/second-factor?error");
        assertThat(signIn(victim, currentCode(victimSecret))).isEqualTo("/");
    }

    @Test
    void aSecretStoredInTheClearIsEncryptedInPlaceKeepingItsReplayStep() throws Exception {
        String name = newUser();
        byte[] secret = Totp.newSecret();
        long spent = Totp.step(Instant.now()) - 5;
        // As rows were before V75.
        jdbc.sql("insert into totp_secret (username, secret, last_used_step) values (?, ?, ?)").params(name, secret, spent).update();
        assertThat(factors.totpSecret(name)).hasValueSatisfying(s -> assertThat(s).isEqualTo(secret));

        vault.sealStored();

        assertThat(contains(stored(name), secret)).isFalse();
        assertThat(jdbc.sql("select last_used_step from totp_secret where username = ?").param(name).query(Long.class).single())
                .isEqualTo(spent);
        assertThat(signIn(name, currentCode(secret))).isEqualTo("/");
        assertThat(signIn(name, currentCode(secret))).as("replay").isEqualTo("/login/second-factor?error");
    }

    @Test
    void aMissingKeyFileIsRefusedAndNotReplacedWhileSecretsAreEncrypted() {
        enrol(newUser());
        Path missing = dir.resolve("totp.key");
        assertThatThrownBy(() -> new TotpVault(jdbc, missing).keys())
                .hasMessageContaining(missing.toString()).hasMessageContaining("is missing");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aWrongKeyFileIsRefusedAndTouchesNothing() {
        String name = newUser();
        byte[] secret = enrol(name);
        byte[] before = stored(name);
        Path wrong = dir.resolve("other.key");
        besa.platform.SealingKeys.create(wrong, "TOTP", "test");
        assertThatThrownBy(() -> new TotpVault(jdbc, wrong).keys())
                .hasMessageContaining(wrong.toString()).hasMessageContaining("wrong key file");
        assertThat(stored(name)).isEqualTo(before);
        assertThat(factors.totpSecret(name)).hasValueSatisfying(s -> assertThat(s).isEqualTo(secret));
    }
}
