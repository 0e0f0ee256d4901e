package besa.exchange.hit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import besa.exchange.node.NodeIdentity;
import besa.exchange.partner.Partner;
import besa.exchange.partner.PartnerRegistry;
import besa.platform.SealingKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The exchange's matching secrets at rest on one node: a CLK secret stored in the clear before V145
 * is sealed at start, a sealed value does not open for another partner's row, and a node whose key
 * file is missing while sealed rows exist refuses to open them (it names the file, creates nothing).
 * The rows are removed afterwards: other contexts of this JVM share the database with their own key files.
 */
@SpringBootTest(properties = {"besa.exchange.enabled=true", "besa.exchange.node-id=asp-vault", "besa.exchange.agency=ASP",
        "besa.exchange.port=0", "besa.exchange.retry-base=1h", "besa.exchange.retry-max=2h", "besa.exchange.hit-poll=1h",
        "besa.exchange.store-received=1h"})
class SecretVaultTest {
    static Path keys;

    @DynamicPropertySource
    static void keyDir(DynamicPropertyRegistry r) throws Exception {
        keys = Files.createTempDirectory("besa-vault-test");
        r.add("besa.exchange.key-dir", () -> keys.resolve("asp").toString());
    }

    @Autowired JdbcClient jdbc;
    @Autowired PartnerRegistry registry;
    @Autowired NodeIdentity me;
    @Autowired CrossMatch crossMatch;
    @TempDir Path elsewhere;

    @AfterEach
    void removeSealedRows() {
        jdbc.sql("delete from exchange_clk_secret where partner_id like 'vault-%'").update();
    }

    @Test
    void plainSecretsAreSealedAtStartAndABoundValueOpensOnlyForItsRow() {
        registry.save(new Partner("vault-a", "Agency A", "TR", "https://127.0.0.1:9", "a@example", true));
        registry.save(new Partner("vault-b", "Agency B", "TR", "https://127.0.0.1:9", "b@example", true));
        byte[] plain = new byte[32];
        new SecureRandom().nextBytes(plain);
        // As stored before V145: in the clear, no key version.
        jdbc.sql("insert into exchange_clk_secret (partner_id, secret, updated_at) values ('vault-a', ?, now())").param(plain).update();

        SecretVault restarted = new SecretVault(jdbc, me.keyDir().resolve("secrets.key"));
        restarted.keys(); // what the start-up check does
        byte[] stored = jdbc.sql("select secret from exchange_clk_secret where partner_id = 'vault-a'").query(byte[].class).single();
        assertThat(jdbc.sql("select key_version from exchange_clk_secret where partner_id = 'vault-a'").query(Integer.class).single()).isEqualTo(1);
        assertThat(stored).hasSize(1 + SealingKeys.NONCE_BYTES + 32 + 16).isNotEqualTo(plain);
        assertThat(restarted.open(SecretVault.clkContext("vault-a"), stored)).isEqualTo(plain);
        assertThatThrownBy(() -> restarted.open(SecretVault.clkContext("vault-b"), stored)).isInstanceOf(SealingKeys.Unreadable.class);

        // The service reads it back through the vault: a run needs the secret, and setting a new one seals it too.
        crossMatch.setClkSecret("test", "vault-b", plain);
        byte[] storedB = jdbc.sql("select secret from exchange_clk_secret where partner_id = 'vault-b'").query(byte[].class).single();
        assertThat(storedB).isNotEqualTo(stored).isNotEqualTo(plain);
        assertThat(restarted.open(SecretVault.clkContext("vault-b"), storedB)).isEqualTo(plain);
    }

    @Test
    void aMissingKeyFileWithSealedRowsIsAnErrorNamingIt() {
        registry.save(new Partner("vault-c", "Agency C", "TR", "https://127.0.0.1:9", "c@example", true));
        crossMatch.setClkSecret("test", "vault-c", new byte[32]);
        Path missing = elsewhere.resolve("secrets.key");
        assertThatThrownBy(() -> new SecretVault(jdbc, missing).keys()).hasMessageContaining(missing.toString()).hasMessageContaining("is missing");
        assertThat(Files.exists(missing)).as("no new key is made that would open nothing").isFalse();
        assertThatThrownBy(() -> crossMatch.setClkSecret("test", "vault-c", new byte[31])).hasMessageContaining("at least 32 bytes");
    }
}
