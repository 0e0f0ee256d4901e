package besa.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WitnessTest {

    static final String ORIGIN = "besa.example/audit";

    final NoteSigner logKey = new NoteSigner(ORIGIN, Ed25519Keys.generate());
    final NoteSigner witnessKey = new NoteSigner("witness.example", Ed25519Keys.generate());
    final CheckpointVerifier logOnly = CheckpointVerifier.forLog(ORIGIN, logKey.verifier());
    final CheckpointVerifier withWitness =
            new CheckpointVerifier(ORIGIN, logKey.verifier(), List.of(witnessKey.verifier()), 1);

    @Test
    void cosignsAnAppendOnlyLogAndRefusesForksAndRollbacks() throws Exception {
        MerkleLog log = MerkleLog.inMemory();
        ReferenceTree.leaves(300).forEach(log::append);
        Witness witness = new Witness(witnessKey, logOnly, null);

        String first = logKey.sign(new Checkpoint(ORIGIN, 100, log.root(100)));
        withWitness.verify(witness.cosign(first, null));

        String second = logKey.sign(new Checkpoint(ORIGIN, 300, log.root(300)));
        String cosigned = witness.cosign(second, log.consistencyProof(100, 300));
        assertThat(withWitness.verify(cosigned).cosigners()).containsExactly("witness.example");
        assertThat(witness.latest().size()).isEqualTo(300);

        // Rollback to a smaller tree.
        assertThatThrownBy(() -> witness.cosign(first, null)).hasMessageContaining("older");

        // Fork: another tree of the same size.
        MerkleLog other = MerkleLog.inMemory();
        ReferenceTree.leaves(300).forEach(d -> other.append(("x" + new String(d)).getBytes()));
        String fork = logKey.sign(new Checkpoint(ORIGIN, 300, other.root()));
        assertThatThrownBy(() -> witness.cosign(fork, null)).hasMessageContaining("forked");

        // Growth that rewrites history: the consistency proof cannot connect the two roots.
        other.append("more".getBytes());
        String rewritten = logKey.sign(new Checkpoint(ORIGIN, 301, other.root()));
        assertThatThrownBy(() -> witness.cosign(rewritten, other.consistencyProof(300, 301)))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("not a prefix");
        assertThatThrownBy(() -> witness.cosign(rewritten, null)).hasMessageContaining("is required");
        assertThatThrownBy(() -> witness.cosign(rewritten, other.consistencyProof(100, 301)))
                .hasMessageContaining("needs 300 to 301");
        assertThat(witness.latest().size()).isEqualTo(300);
    }

    @Test
    void refusesCheckpointsTheLogDidNotSign() {
        Witness witness = new Witness(witnessKey, logOnly, null);
        NoteSigner impostor = new NoteSigner(ORIGIN, Ed25519Keys.generate());
        String signed = impostor.sign(new Checkpoint(ORIGIN, 1, MerkleHashes.leafHash(new byte[0])));
        assertThatThrownBy(() -> witness.cosign(signed, null)).hasMessageContaining("not signed by the trusted log key");
    }
}
