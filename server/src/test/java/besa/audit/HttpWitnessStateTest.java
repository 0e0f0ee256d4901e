package besa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import besa.ledger.Checkpoint;
import besa.ledger.Ed25519Keys;
import besa.ledger.MerkleLog;
import besa.ledger.NoteSigner;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP witness writes its state before it moves on: a failed write leaves it where it was. */
class HttpWitnessStateTest {
    private static final String ORIGIN = "besa/state-test";
    @TempDir Path dataDir;

    private final NoteSigner logKey = new NoteSigner(ORIGIN, Ed25519Keys.generate());
    private final MerkleLog log = MerkleLog.inMemory();

    private AuditSettings settings() {
        return new AuditSettings(dataDir, false, "", "", "", "", "besa-witness/test", Duration.ofSeconds(60), "",
                logKey.verifier().verifierKey());
    }

    private String grow(int to) {
        while (log.size() < to) log.append(("event " + log.size()).getBytes(StandardCharsets.UTF_8));
        return logKey.sign(new Checkpoint(ORIGIN, log.size(), log.root()));
    }

    @Test
    void aFailedWriteOfTheStateLeavesTheWitnessUnchanged() throws Exception {
        HttpWitness witness = new HttpWitness(settings());
        witness.cosign(grow(4), null);

        // Make the state folder unwritable: a plain file where the folder's next file must go.
        Path state = settings().witnessStateDir();
        Path kept;
        try (var files = Files.list(state)) {
            kept = files.filter(p -> p.toString().endsWith(".checkpoint")).findFirst().orElseThrow();
        }
        String before = Files.readString(kept);
        Path moved = dataDir.resolve("state-aside");
        Files.move(state, moved);
        Files.writeString(state, "not a folder");

        String eight = grow(8);
        String proof = log.consistencyProof(4, 8).toText();
        assertThatThrownBy(() -> witness.cosign(eight, proof)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("could not save the witness state");

        // Still at size 4: it co-signs size 6 (had it moved to 8 in memory, 6 would be "older").
        Files.delete(state);
        Files.move(moved, state);
        assertThat(Files.readString(kept)).isEqualTo(before);
        String six = logKey.sign(new Checkpoint(ORIGIN, 6, log.root(6)));
        assertThat(witness.cosign(six, log.consistencyProof(4, 6).toText())).contains("besa-witness/test");
        assertThat(witness.cosign(eight, log.consistencyProof(6, 8).toText())).contains("besa-witness/test");
        assertThat(Files.readString(kept)).contains("\n8\n");
        assertThat(new HttpWitness(settings()).cosign(grow(8), null)).as("restored from the file at size 8").contains("besa-witness/test");
    }
}
