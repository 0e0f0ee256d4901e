package besa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import besa.ledger.AuditFinding;
import besa.ledger.Checkpoint;
import besa.ledger.CheckpointVerifier;
import besa.ledger.Ed25519Keys;
import besa.ledger.InvalidCheckpointException;
import besa.ledger.MerkleLog;
import besa.ledger.NoteSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import besa.platform.db.DatabaseConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Attacks on the audit trail by someone with database superuser rights, each on a scratch table
 * shaped and protected like audit_entry (the shared test database's real trail stays intact):
 * the attacker bypasses the triggers, and verification against the witness folder names the damage.
 */
@SpringBootTest
class AuditTamperTest {
    private static final String ORIGIN = "besa/tamper-test";
    private static final int EVENTS = 40;

    /** The schema owner (a superuser in the embedded server): scratch tables are DDL, and the attacks need it. */
    @Autowired @Qualifier(DatabaseConfig.OWNER) DataSource dataSource;
    @TempDir Path witnessDir;

    private final NoteSigner logKey = new NoteSigner(ORIGIN, Ed25519Keys.generate());
    private final CheckpointVerifier verifier = CheckpointVerifier.forLog(ORIGIN, logKey.verifier());
    private AuditStore store;
    private FileWitness folder;

    @BeforeEach
    void writeAndWitnessATrail() throws Exception {
        store = AuditStore.createScratch(dataSource, "audit_attack_" + UUID.randomUUID().toString().substring(0, 8));
        folder = new FileWitness(witnessDir);
        try (AuditLog log = new AuditLog(store, Clock.systemUTC())) {
            for (int i = 0; i < EVENTS; i++) {
                log.record(AuditEvent.of("officer.a", AuditAction.CONSULTATION, "P-" + i, AuditOutcome.SUCCESS, "10.1.1.1"));
            }
            witness(log.merkleLog());
        }
        assertThat(verify().report().ok()).isTrue();
    }

    @AfterEach
    void dropScratchTable() {
        store.drop();
    }

    private void witness(MerkleLog log) throws WitnessRefusedException {
        var held = folder.latestNote();
        long heldSize = held.isEmpty() ? 0 : parse(held.get()).size();
        long size = log.size();
        folder.accept(logKey.sign(new Checkpoint(ORIGIN, size, log.root(size))),
                heldSize > 0 && heldSize < size ? log.consistencyProof(heldSize, size) : null, verifier);
    }

    private static Checkpoint parse(String note) {
        try {
            return Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1));
        } catch (InvalidCheckpointException e) {
            throw new AssertionError(e);
        }
    }

    private AuditVerifier.Result verify() throws InvalidCheckpointException {
        return AuditVerifier.verify(store, folder, verifier);
    }

    /** Runs SQL as the superuser with replication-role triggers off, as an attacker would. */
    private void asSuperuser(String... sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("set session_replication_role = replica");
            for (String q : sql) s.execute(q.replace("T", store.table()));
            s.execute("set session_replication_role = origin");
        }
    }

    private AuditFinding firstProblem() throws Exception {
        var report = verify().report();
        assertThat(report.ok()).isFalse();
        return report.firstProblem().orElseThrow();
    }

    @Test
    void aRowAlteredWithTheTriggerDisabledIsNamed() throws Exception {
        byte[] forged = AuditCodec.encode(17, java.time.Instant.now(), AuditEvent.of("officer.b", AuditAction.CONSULTATION,
                "P-17", AuditOutcome.SUCCESS, "10.1.1.1"));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("alter table " + store.table() + " disable trigger user");
            s.execute("update " + store.table() + " set data = decode('" + java.util.HexFormat.of().formatHex(forged) + "', 'hex') where idx = 17");
            s.execute("alter table " + store.table() + " enable trigger user");
        }
        AuditFinding first = firstProblem();
        assertThat(first.kind()).isEqualTo(AuditFinding.Kind.ALTERED_ENTRY);
        assertThat(first.index()).isEqualTo(17);
    }

    @Test
    void aRowAlteredWithItsHashRecomputedBreaksTheWitnessedRoot() throws Exception {
        byte[] forged = AuditCodec.encode(5, java.time.Instant.now(), AuditEvent.of("nobody", AuditAction.CONSULTATION,
                "P-5", AuditOutcome.SUCCESS, ""));
        String hex = java.util.HexFormat.of().formatHex(forged);
        asSuperuser("update T set data = decode('" + hex + "', 'hex'), leaf_hash = sha256('\\x00'::bytea || decode('" + hex + "', 'hex')) where idx = 5");
        AuditFinding first = firstProblem();
        assertThat(first.kind()).isEqualTo(AuditFinding.Kind.ROOT_MISMATCH);
        assertThat(first.message()).contains(String.valueOf(EVENTS));
    }

    @Test
    void deletedLastRowsAreATruncatedTail() throws Exception {
        asSuperuser("delete from T where idx >= 33");
        AuditFinding first = firstProblem();
        assertThat(first.kind()).isEqualTo(AuditFinding.Kind.TRUNCATED);
        assertThat(first.index()).isEqualTo(33);
    }

    @Test
    void aDeletedRowInTheMiddleIsNamed() throws Exception {
        asSuperuser("delete from T where idx = 12");
        AuditFinding first = firstProblem();
        assertThat(first.kind()).isEqualTo(AuditFinding.Kind.MISSING_ENTRY);
        assertThat(first.index()).isEqualTo(12);
    }

    @Test
    void aTableRebuiltFromScratchWithFreshHashesIsDetectedAndTheWitnessRefusesItsCheckpoint() throws Exception {
        asSuperuser("truncate T");
        try (AuditLog rebuilt = new AuditLog(store, Clock.systemUTC())) {
            for (int i = 0; i < EVENTS; i++) {
                rebuilt.record(AuditEvent.of(i == 9 ? "someone.else" : "officer.a", AuditAction.CONSULTATION, "P-" + i,
                        AuditOutcome.SUCCESS, "10.1.1.1"));
            }
            AuditFinding first = firstProblem();
            assertThat(first.kind()).isEqualTo(AuditFinding.Kind.ROOT_MISMATCH);
            assertThat(first.index()).isZero(); // no witnessed size still matches
            assertThatThrownBy(() -> witness(rebuilt.merkleLog())).isInstanceOf(WitnessRefusedException.class)
                    .hasMessageContaining("different root");
        }
    }

    @Test
    void theWitnessFolderRefusesACheckpointOfATruncatedLog() throws Exception {
        asSuperuser("delete from T where idx >= 30");
        MerkleLog reopened = MerkleLog.open(store);
        assertThatThrownBy(() -> witness(reopened)).isInstanceOf(WitnessRefusedException.class)
                .hasMessageContaining("smaller than the size " + EVENTS);
    }

    @Test
    void aForgedCheckpointInTheWitnessFolderIsRejected() throws Exception {
        Path file = Files.list(witnessDir).filter(p -> p.getFileName().toString().startsWith("checkpoint-")).findFirst().orElseThrow();
        String note = Files.readString(file);
        String root = Base64.getEncoder().encodeToString(new byte[32]);
        String forged = note.replaceFirst("\n[A-Za-z0-9+/=]{44}\n", "\n" + root + "\n");
        assertThat(forged).isNotEqualTo(note);
        Files.writeString(file, forged);
        assertThatThrownBy(this::verify).isInstanceOf(InvalidCheckpointException.class).hasMessageContaining("does not verify");
    }

    @Test
    void aCheckpointSignedByAForeignKeyIsRejectedNamingTheKey() throws Exception {
        NoteSigner foreign = new NoteSigner(ORIGIN, Ed25519Keys.generate());
        MerkleLog log = MerkleLog.open(store);
        Files.writeString(witnessDir.resolve(String.format("checkpoint-%020d.txt", EVENTS + 1000L)),
                foreign.sign(new Checkpoint(ORIGIN, log.size(), log.root())));
        assertThatThrownBy(this::verify).isInstanceOf(InvalidCheckpointException.class)
                .hasMessageContaining(foreign.verifier().keyIdHex());
    }

    @Test
    void newerEntriesAfterTheCheckpointAreCheckedAndCountedAsNotYetWitnessed() throws Exception {
        try (AuditLog log = new AuditLog(store, Clock.systemUTC())) {
            log.record(AuditEvent.of("officer.a", AuditAction.LOGOUT, "", AuditOutcome.SUCCESS, ""));
        }
        var report = verify().report();
        assertThat(report.ok()).isTrue();
        assertThat(report.unwitnessedEntries()).isEqualTo(1);
        assertThat(report.entriesRead()).isEqualTo(EVENTS + 1);
    }
}
