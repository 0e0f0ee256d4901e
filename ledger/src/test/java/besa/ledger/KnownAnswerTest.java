package besa.ledger;

import static besa.ledger.Rfc6962Vectors.CONSISTENCY;
import static besa.ledger.Rfc6962Vectors.INCLUSION;
import static besa.ledger.Rfc6962Vectors.LEAVES;
import static besa.ledger.Rfc6962Vectors.NODE;
import static besa.ledger.Rfc6962Vectors.ROOT;
import static besa.ledger.Rfc6962Vectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The published Certificate Transparency vectors (see {@link Rfc6962Vectors}) against every code path. */
class KnownAnswerTest {

    @Test
    void leafHashesMatchPublishedLevelZero() {
        for (int i = 0; i < LEAVES.size(); i++) {
            assertThat(MerkleHashes.leafHash(LEAVES.get(i))).as("leaf %d", i).isEqualTo(hex(NODE[0][i]));
        }
    }

    @Test
    void nodeHashesMatchPublishedInteriorLevels() {
        for (int level = 1; level < NODE.length; level++) {
            for (int i = 0; i < NODE[level].length; i++) {
                assertThat(MerkleHashes.nodeHash(hex(NODE[level - 1][2 * i]), hex(NODE[level - 1][2 * i + 1])))
                        .as("node %d at level %d", i, level).isEqualTo(hex(NODE[level][i]));
            }
        }
    }

    @Test
    void emptyTreeRoot() {
        assertThat(MerkleHashes.emptyRoot()).isEqualTo(hex(ROOT[0]));
        assertThat(MerkleLog.inMemory().root()).isEqualTo(hex(ROOT[0]));
        assertThat(new StreamingVerifier().root()).isEqualTo(hex(ROOT[0]));
    }

    @Test
    void rootsForEverySizeFromAppendStreamAndHistory() {
        MerkleLog full = Rfc6962Vectors.log(8);
        for (int n = 1; n <= 8; n++) {
            assertThat(Rfc6962Vectors.log(n).root()).as("frontier root of size %d", n).isEqualTo(hex(ROOT[n]));
            assertThat(full.root(n)).as("historical root of size %d", n).isEqualTo(hex(ROOT[n]));
            StreamingVerifier stream = new StreamingVerifier();
            LEAVES.subList(0, n).forEach(stream::addLeafData);
            assertThat(stream.root()).as("streamed root of size %d", n).isEqualTo(hex(ROOT[n]));
        }
    }

    @Test
    void inclusionProofsAreGeneratedAndVerifiedAsPublished() throws Exception {
        for (Rfc6962Vectors.Inclusion v : INCLUSION) {
            MerkleLog log = Rfc6962Vectors.log((int) v.size());
            InclusionProof proof = log.inclusionProof(v.index(), v.size());
            assertThat(proof.path()).as("proof %d in %d", v.index(), v.size())
                    .usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(v.path());
            ProofVerifier.verifyInclusion(hex(NODE[0][(int) v.index()]), v.index(), v.size(), v.path(),
                    hex(ROOT[(int) v.size()]));
        }
    }

    /**
     * Every leaf of the 8-leaf tree: its audit path read straight off the published node table
     * (sibling at each level), verified against the published root.
     */
    @Test
    void everyInclusionProofOfTheEightLeafTreeMatchesThePublishedNodeTable() throws Exception {
        MerkleLog log = Rfc6962Vectors.log(8);
        for (int i = 0; i < 8; i++) {
            List<byte[]> expected = new ArrayList<>();
            for (int level = 0; level < 3; level++) {
                expected.add(hex(NODE[level][(i >> level) ^ 1]));
            }
            assertThat(log.inclusionProof(i, 8).path()).as("leaf %d", i)
                    .usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(expected);
            ProofVerifier.verifyInclusion(hex(NODE[0][i]), i, 8, expected, hex(ROOT[8]));
        }
    }

    @Test
    void consistencyProofsAreGeneratedAndVerifiedAsPublished() throws Exception {
        MerkleLog log = Rfc6962Vectors.log(8);
        for (Rfc6962Vectors.Consistency v : CONSISTENCY) {
            ConsistencyProof proof = log.consistencyProof(v.first(), v.second());
            assertThat(proof.path()).as("proof %d to %d", v.first(), v.second())
                    .usingElementComparator(java.util.Arrays::compare).containsExactlyElementsOf(v.path());
            ProofVerifier.verifyConsistency(v.first(), v.second(), v.path(),
                    hex(ROOT[(int) v.first()]), hex(ROOT[(int) v.second()]));
        }
    }

    @Test
    void publishedProofsFailAgainstTheWrongRoot() {
        Rfc6962Vectors.Inclusion inc = INCLUSION.get(6);
        assertThatThrownBy(() -> ProofVerifier.verifyInclusion(hex(NODE[0][5]), 5, 8, inc.path(), hex(ROOT[7])))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("leaf 5");
        assertThatThrownBy(() -> ProofVerifier.verifyInclusion(hex(NODE[0][4]), 5, 8, inc.path(), hex(ROOT[8])))
                .isInstanceOf(InvalidProofException.class);
        Rfc6962Vectors.Consistency con = CONSISTENCY.get(3);
        assertThatThrownBy(() -> ProofVerifier.verifyConsistency(6, 8, con.path(), hex(ROOT[5]), hex(ROOT[8])))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("first root");
        assertThatThrownBy(() -> ProofVerifier.verifyConsistency(6, 8, con.path(), hex(ROOT[6]), hex(ROOT[7])))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("second root");
    }

    /** The example printed in docs/ledger.md: leaf 5 of the published 8-leaf tree. */
    @Test
    void inclusionProofTextIsTheDocumentedOne() throws Exception {
        String documented = """
                besa inclusion proof
                leaf index 5
                tree size 8
                vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms=
                yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=
                037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=
                """;
        assertThat(Rfc6962Vectors.log(8).inclusionProof(5, 8).toText()).isEqualTo(documented);
        InclusionProof.parse(documented).verify(MerkleHashes.leafHash(LEAVES.get(5)),
                java.util.Base64.getDecoder().decode("XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg="));
    }
}
