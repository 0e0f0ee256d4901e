package besa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import besa.audit.AuditAction;
import besa.audit.AuditCheckpoints;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.audit.AuditStore;
import besa.audit.FileWitness;
import besa.ledger.Checkpoint;
import besa.ledger.CheckpointVerifier;
import besa.ledger.Ed25519Keys;
import besa.ledger.NoteSigner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import besa.platform.db.DatabaseConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import picocli.CommandLine;

/** {@code besa audit verify | proof} as an operator runs them: exit codes and what they print. */
@SpringBootTest
class AuditCommandTest {
    @Autowired AuditLog audit;
    @Autowired AuditCheckpoints checkpoints;
    /** The schema owner (a superuser in the embedded server): scratch tables are DDL, and the attacks need it. */
    @Autowired @Qualifier(DatabaseConfig.OWNER) DataSource dataSource;
    @Autowired besa.audit.AuditSettings settings;
    @TempDir Path tmp;

    record Run(int code, String out, String err) {}

    private static Run besa(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cmd = BesaCommand.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** With nothing witnessed outside the database, a rebuilt table would look intact: say so and fail. */
    @Test
    void verifyRefusesToVouchForAnUnwitnessedTrail() throws Exception {
        audit.record(AuditEvent.of("officer.cli", AuditAction.CONSULTATION, "P-10", AuditOutcome.SUCCESS, ""));
        Path emptyFolder = Files.createDirectories(tmp.resolve("no-checkpoints"));

        Run strict = besa("audit", "verify", "--witness-dir", emptyFolder.toString());
        assertThat(strict.code()).isEqualTo(1);
        assertThat(strict.err()).contains("no witnessed checkpoint");

        Run fresh = besa("audit", "verify", "--witness-dir", emptyFolder.toString(), "--allow-unwitnessed");
        assertThat(fresh.code()).as(fresh.err()).isZero();
    }

    @Test
    void verifyAcceptsTheIntactTrailAndAProofOfAnEntryChecksOut() throws Exception {
        long entry = audit.record(AuditEvent.of("officer.cli", AuditAction.CONSULTATION, "P-9", AuditOutcome.SUCCESS, "")).index();
        checkpoints.checkpoint();

        Run verify = besa("audit", "verify");
        assertThat(verify.code()).as(verify.err()).isZero();
        assertThat(verify.out()).startsWith("OK: ").contains("checkpoint " + checkpoints.verifier().verify(
                checkpoints.folder().latestNote().orElseThrow()).checkpoint().origin());

        Run proof = besa("audit", "proof", "--entry", String.valueOf(entry));
        assertThat(proof.code()).as(proof.err()).isZero();
        assertThat(proof.out()).contains("entry " + entry, "leaf hash ", "root ", "besa inclusion proof");
        Path file = tmp.resolve("proof.txt");
        Files.writeString(file, proof.out());
        Path checkpointFile = tmp.resolve("checkpoint.txt");
        Files.writeString(checkpointFile, checkpoints.folder().latestNote().orElseThrow());
        Run ok = besa("audit", "proof", "--verify", file.toString(), "--checkpoint", checkpointFile.toString(),
                "--log-key", checkpoints.logVerifier().verifierKey());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("OK: entry " + entry);

        // The same proof with the event's text changed no longer checks out.
        String data = proof.out().lines().filter(l -> l.startsWith("leaf data ")).findFirst().orElseThrow();
        byte[] bytes = java.util.Base64.getDecoder().decode(data.substring(10));
        bytes[bytes.length - 1] ^= 1;
        Files.writeString(file, proof.out().replace(data, "leaf data " + java.util.Base64.getEncoder().encodeToString(bytes)));
        Run bad = besa("audit", "proof", "--verify", file.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("does not hash to the leaf hash");
    }

    @Test
    void proofVerifySaysWhenItOnlyCheckedSelfConsistencyAndOtherwiseUsesTheWitnessedCheckpoint() throws Exception {
        long entry = audit.record(AuditEvent.of("officer.cli", AuditAction.CONSULTATION, "P-11", AuditOutcome.SUCCESS, "")).index();
        checkpoints.checkpoint();
        Run proof = besa("audit", "proof", "--entry", String.valueOf(entry));
        assertThat(proof.code()).as(proof.err()).isZero();
        Path file = tmp.resolve("proof.txt");
        Files.writeString(file, proof.out());

        Run alone = besa("audit", "proof", "--verify", file.toString(), "--witness-dir", Files.createDirectories(tmp.resolve("none")).toString());
        assertThat(alone.code()).as(alone.err()).isZero();
        assertThat(alone.out()).startsWith("SELF-CONSISTENT ONLY").contains("does not show the entry is in the audit log");

        Path dataDir = settings.keyFile().getParent().getParent(); // the test JVM's audit folder: <data-dir>/audit/log-key.pem
        Run witnessed = besa("audit", "proof", "--verify", file.toString(), "--witness-dir", checkpoints.folder().dir().toString(),
                "--data-dir", dataDir.toString());
        assertThat(witnessed.code()).as(witnessed.err()).isZero();
        assertThat(witnessed.out()).startsWith("OK: entry " + entry).contains("which is the witnessed checkpoint of size");
    }

    @Test
    void verifyExitsNonZeroNamingTheFirstBadEntryOfATamperedCopy() throws Exception {
        String origin = "besa/cli-test";
        NoteSigner key = new NoteSigner(origin, Ed25519Keys.generate());
        AuditStore copy = AuditStore.createScratch(dataSource, "audit_cli_" + UUID.randomUUID().toString().substring(0, 8));
        try (AuditLog log = new AuditLog(copy, Clock.systemUTC())) {
            for (int i = 0; i < 10; i++) log.record(AuditEvent.of("officer.a", AuditAction.CONSULTATION, "P-" + i, AuditOutcome.SUCCESS, ""));
            var m = log.merkleLog();
            new FileWitness(tmp).accept(key.sign(new Checkpoint(origin, m.size(), m.root())), null, CheckpointVerifier.forLog(origin, key.verifier()));
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("set session_replication_role = replica");
                s.execute("delete from " + copy.table() + " where idx >= 7");
            }
            Run run = besa("audit", "verify", "--table", copy.table(), "--witness-dir", tmp.toString(), "--log-key", key.verifier().verifierKey());
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.err()).contains("first bad entry: 7 (TRUNCATED)");

            Run uncosigned = besa("audit", "verify", "--table", copy.table(), "--witness-dir", tmp.toString(), "--log-key",
                    key.verifier().verifierKey(), "--witness-key", NoteSigner.cosignatureV1("besa-witness/peer", Ed25519Keys.generate(),
                            Clock.systemUTC()).verifier().verifierKey(), "--quorum", "1");
            assertThat(uncosigned.code()).isEqualTo(2);
            assertThat(uncosigned.err()).contains("the witnessed checkpoint is rejected");

            Run foreign = besa("audit", "verify", "--table", copy.table(), "--witness-dir", tmp.toString(),
                    "--log-key", new NoteSigner(origin, Ed25519Keys.generate()).verifier().verifierKey());
            assertThat(foreign.code()).isEqualTo(2);
            assertThat(foreign.err()).contains("the witnessed checkpoint is rejected");
        } finally {
            copy.drop();
        }
    }
}
