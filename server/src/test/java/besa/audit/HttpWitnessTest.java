package besa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import besa.ledger.Checkpoint;
import besa.ledger.CheckpointVerifier;
import besa.ledger.Ed25519Keys;
import besa.ledger.MerkleLog;
import besa.ledger.NoteSigner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** This node's witness endpoint over real HTTP, called by the client another node uses. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpWitnessTest {
    @LocalServerPort int port;
    @Autowired HttpWitness witness;

    private final String origin = "besa/peer-" + UUID.randomUUID().toString().substring(0, 8);
    private final NoteSigner logKey = new NoteSigner(origin, Ed25519Keys.generate());
    private final MerkleLog log = MerkleLog.inMemory();
    private final PeerWitnesses client = new PeerWitnesses();
    private String url;

    @BeforeEach
    void trustTheTestLog() {
        witness.trust(logKey.verifier());
        url = "http://127.0.0.1:" + port + "/api/audit/witness";
    }

    private static void grow(MerkleLog log, int to, String tag) {
        while (log.size() < to) log.append((tag + log.size()).getBytes(StandardCharsets.UTF_8));
    }

    private String signed(MerkleLog log, NoteSigner key) {
        return key.sign(new Checkpoint(origin, log.size(), log.root()));
    }

    @Test
    void coSignsAnExtensionAndRefusesAForkASmallerTreeAndForeignKeys() throws Exception {
        grow(log, 3, "event ");
        String cosigned = client.submit(url, signed(log, logKey), log);
        var verified = new CheckpointVerifier(origin, logKey.verifier(), List.of(witness.verifier()), 1).verify(cosigned);
        assertThat(verified.cosigners()).containsExactly(witness.verifier().name());

        grow(log, 6, "event ");
        assertThat(client.submit(url, signed(log, logKey), log)).contains(witness.verifier().name());

        // A client that does not know what the witness holds is told (409, witnessSize 6) and retries with a proof from there.
        grow(log, 8, "event ");
        assertThat(new PeerWitnesses().submit(url, signed(log, logKey), log)).contains(witness.verifier().name());

        MerkleLog fork = MerkleLog.inMemory();
        grow(fork, 10, "rewritten ");
        assertThatThrownBy(() -> new PeerWitnesses().submit(url, signed(fork, logKey), fork))
                .isInstanceOf(WitnessRefusedException.class).hasMessageContaining("refused")
                .satisfies(e -> assertThat(((WitnessRefusedException) e).witnessSize()).isEqualTo(8));

        MerkleLog older = MerkleLog.inMemory();
        grow(older, 5, "event ");
        assertThatThrownBy(() -> client.submit(url, signed(older, logKey), older))
                .isInstanceOf(WitnessRefusedException.class).hasMessageContaining("older than the size 8");

        NoteSigner foreign = new NoteSigner(origin, Ed25519Keys.generate());
        grow(log, 9, "event ");
        assertThatThrownBy(() -> client.submit(url, signed(log, foreign), log))
                .isInstanceOf(WitnessRefusedException.class).hasMessageContaining(foreign.verifier().keyIdHex());
    }

    @Test
    void refusesALogItDoesNotServe() {
        NoteSigner stranger = new NoteSigner("besa/stranger", Ed25519Keys.generate());
        MerkleLog other = MerkleLog.inMemory();
        grow(other, 2, "x");
        assertThatThrownBy(() -> client.submit(url, stranger.sign(new Checkpoint("besa/stranger", 2, other.root())), other))
                .isInstanceOf(WitnessRefusedException.class).hasMessageContaining("does not serve the log 'besa/stranger'");
    }
}
