package besa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import besa.ledger.Checkpoint;
import besa.ledger.CheckpointVerifier;
import besa.ledger.MerkleHashes;
import besa.ledger.MerkleLog;
import besa.ledger.NoteSigner;
import besa.platform.db.DatabaseConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The server's start-up check on a scratch trail with its own key and witness folder: an intact
 * trail opens; a truncated or rebuilt one stops the start-up naming the first bad entry, unless the
 * operator override is set. Also: search rows of entries written before the search table existed
 * are filled in.
 */
@SpringBootTest
class AuditStartupCheckTest {
    private static final String ORIGIN = "besa/startup-test";

    /** The schema owner: scratch trails are DDL, which the application's role may not do. */
    @Autowired @Qualifier(DatabaseConfig.OWNER) DataSource dataSource;
    @Autowired JdbcClient jdbc;
    @TempDir Path dir;

    private AuditStore store;
    private FileWitness folder;
    private Path keyFile;
    private NoteSigner signer;

    @BeforeEach
    void trailWithAWitnessedCheckpoint() throws Exception {
        store = AuditStore.createScratch(dataSource, "audit_start_" + UUID.randomUUID().toString().substring(0, 8));
        folder = new FileWitness(dir.resolve("witness"));
        keyFile = dir.resolve("log-key.pem");
        signer = new NoteSigner(ORIGIN, KeyFiles.loadOrCreate(keyFile));
        try (AuditLog log = new AuditLog(store, Clock.systemUTC())) {
            for (int i = 0; i < 20; i++) log.record(AuditEvent.of("officer.s", AuditAction.CONSULTATION, "P-" + i, AuditOutcome.SUCCESS, ""));
            MerkleLog m = log.merkleLog();
            folder.accept(signer.sign(new Checkpoint(ORIGIN, m.size(), m.root())), null, CheckpointVerifier.forLog(ORIGIN, signer.verifier()));
            log.record(AuditEvent.of("officer.s", AuditAction.CONSULTATION, "after the checkpoint", AuditOutcome.SUCCESS, ""));
        }
    }

    @AfterEach
    void drop() {
        store.drop();
    }

    private AuditStartupCheck check(AuditLog log) {
        return new AuditStartupCheck(log, folder, keyFile, ORIGIN);
    }

    private void asAttacker(String... sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
            for (String q : sql) s.execute(q.replace("T", store.table()));
            s.execute("set session_replication_role = origin");
        }
    }

    @Test
    void anIntactTrailThatExtendsTheWitnessedCheckpointOpens() {
        try (AuditLog log = new AuditLog(store, Clock.systemUTC())) {
            assertThat(check(log).problem()).isEmpty();
            assertThatCode(() -> check(log).run(false)).doesNotThrowAnyException();
            assertThat(log.merkleLog().size()).isEqualTo(21);
        }
    }

    @Test
    void aTruncatedTrailStopsTheStartUpUnlessTheOperatorOverrides() throws Exception {
        asAttacker("delete from T where idx >= 15");
        try (AuditLog log = new AuditLog(store, Clock.systemUTC())) {
            assertThat(check(log).problem()).hasValueSatisfying(p -> assertThat(p).contains("first bad entry: 15 (TRUNCATED)"));
            assertThatThrownBy(() -> check(log).run(false)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("refuses to start").hasMessageContaining("first bad entry: 15")
                    .hasMessageContaining("besa.audit.allow-inconsistent-start=true");
            assertThatCode(() -> check(log).run(true)).doesNotThrowAnyException();
        }
    }

    @Test
    void aTableRewrittenWithFreshHashesIsRefused() throws Exception {
        byte[] forged = AuditCodec.encode(7, java.time.Instant.now(), AuditEvent.of("officer.s", AuditAction.CONSULTATION, "nothing to see",
                AuditOutcome.SUCCESS, ""));
        HexFormat hex = HexFormat.of();
        asAttacker("update T set data = decode('" + hex.formatHex(forged) + "', 'hex'), leaf_hash = decode('"
                + hex.formatHex(MerkleHashes.leafHash(forged)) + "', 'hex') where idx = 7");
        try (AuditLog log = new AuditLog(store, Clock.systemUTC())) {
            // Every stored hash matches its row, so only the witnessed root can tell: the ledger names where it can.
            assertThatThrownBy(() -> check(log).run(false)).hasMessageContaining("(ROOT_MISMATCH)")
                    .hasMessageContaining("rewritten with fresh hashes");
        }
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsAProblemToo() {
        try (AuditLog log = new AuditLog(store, Clock.systemUTC())) {
            var other = new AuditStartupCheck(log, folder, dir.resolve("missing-key.pem"), ORIGIN);
            assertThat(other.problem()).hasValueSatisfying(p -> assertThat(p).contains("public key").contains("is missing"));
            var foreign = new AuditStartupCheck(log, folder, keyFile, "besa/another-origin");
            assertThat(foreign.problem()).hasValueSatisfying(p -> assertThat(p).contains("not a checkpoint of log 'besa/another-origin'"));
        }
    }

    @Test
    void anEmptyWitnessFolderIsAFreshInstall() {
        try (AuditLog log = new AuditLog(store, Clock.systemUTC())) {
            assertThat(new AuditStartupCheck(log, new FileWitness(dir.resolve("empty")), keyFile, ORIGIN).problem()).isEmpty();
        }
    }

    @Test
    void searchRowsAreFilledBehindTheWriter() throws Exception {
        assertThat(store.catchUpSearch()).isEqualTo(21); // the writer leaves them to the catch-up
        assertThat(store.catchUpSearch()).isZero();
        var found = new AuditSearch(store).search(new AuditFilter("officer.s", "p-3", java.util.Set.of(), null, null, null, "", "", ""),
                null, 10);
        assertThat(found.entries()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(3);
            assertThat(f.intact()).isTrue();
        });
        assertThat(jdbc.sql("select count(*) from " + store.searchTable()).query(Long.class).single()).isEqualTo(21);
    }

    @Test
    void aSearchRowThatDisagreesWithTheHashedEntryIsShownFromTheEntryAndFlagged() throws Exception {
        store.catchUpSearch();
        asAttacker("update T_search set actor = 'nobody' where idx = 5");
        var found = new AuditSearch(store).search(new AuditFilter("nobody", "", java.util.Set.of(), null, null, null, "", "", ""), null, 10);
        assertThat(found.entries()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(5);
            assertThat(f.entry().event().actor()).isEqualTo("officer.s"); // what the log holds, not the search row
            assertThat(f.intact()).isFalse();
        });
        try (AuditLog log = new AuditLog(store, Clock.systemUTC())) {
            assertThat(log.record(AuditEvent.of("officer.s", AuditAction.CONSULTATION, "still writable", AuditOutcome.SUCCESS, "")).index())
                    .isEqualTo(21);
        }
    }

    @Test
    void anEntryWhoseBytesNoLongerDecodeIsFoundFlaggedAndDoesNotBlindTheSearch() throws Exception {
        asAttacker("update T set data = '\\x00ff' where idx = 6");
        AuditSearch search = new AuditSearch(store);
        assertThat(search.search(new AuditFilter("officer.s", "", java.util.Set.of(), null, null, null, "", "", ""), null, 50).entries())
                .hasSize(20).noneMatch(f -> f.index() == 6);
        var damaged = search.search(new AuditFilter(AuditStore.UNDECODABLE, "", java.util.Set.of(), null, null, null, "", "", ""), null, 50);
        assertThat(damaged.entries()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(6);
            assertThat(f.intact()).isFalse();
        });
    }
}
