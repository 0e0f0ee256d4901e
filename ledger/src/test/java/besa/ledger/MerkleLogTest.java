package besa.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine against the literal RFC definitions ({@link ReferenceTree}): exhaustively on small
 * trees, and on trees large enough (up to 2,100 leaves) that proofs go through the subtree cache
 * (perfect subtrees of 256 leaves and more) and its edges.
 */
class MerkleLogTest {

    private static final List<byte[]> DATA = ReferenceTree.leaves(2100);
    private static final MerkleLog LOG = build(DATA.size());

    private static MerkleLog build(int n) {
        MerkleLog log = MerkleLog.inMemory();
        for (int i = 0; i < n; i++) {
            assertThat(log.append(DATA.get(i))).isEqualTo(i);
        }
        return log;
    }

    @Test
    void everyRootAndProofOfSmallTreesMatchesTheDefinitions() throws Exception {
        for (int n = 1; n <= 40; n++) {
            List<byte[]> d = DATA.subList(0, n);
            byte[] root = ReferenceTree.mth(d);
            assertThat(LOG.root(n)).as("root %d", n).isEqualTo(root);
            for (int m = 0; m < n; m++) {
                InclusionProof proof = LOG.inclusionProof(m, n);
                assertThat(proof.path()).as("path %d of %d", m, n)
                        .usingElementComparator(Arrays::compare).containsExactlyElementsOf(ReferenceTree.path(m, d));
                proof.verify(MerkleHashes.leafHash(d.get(m)), root);
            }
            for (int m = 1; m < n; m++) {
                ConsistencyProof proof = LOG.consistencyProof(m, n);
                assertThat(proof.path()).as("proof %d to %d", m, n)
                        .usingElementComparator(Arrays::compare).containsExactlyElementsOf(ReferenceTree.proof(m, d));
                proof.verify(ReferenceTree.mth(DATA.subList(0, m)), root);
            }
        }
    }

    @Test
    void largeTreesUseTheSubtreeCacheAndStillMatchTheDefinitions() throws Exception {
        long[] sizes = {255, 256, 257, 511, 512, 513, 768, 1024, 1025, 1500, 2047, 2048, 2100};
        long[] indices = {0, 1, 127, 255, 256, 257, 511, 512, 700, 1023, 1024, 1499, 2046, 2047, 2099};
        for (long n : sizes) {
            List<byte[]> d = DATA.subList(0, (int) n);
            byte[] root = ReferenceTree.mth(d);
            assertThat(LOG.root(n)).as("root %d", n).isEqualTo(root);
            for (long m : indices) {
                if (m >= n) {
                    continue;
                }
                InclusionProof proof = LOG.inclusionProof(m, n);
                assertThat(proof.path()).as("path %d of %d", m, n)
                        .usingElementComparator(Arrays::compare).containsExactlyElementsOf(ReferenceTree.path((int) m, d));
                proof.verify(MerkleHashes.leafHash(d.get((int) m)), root);
                if (m > 0) {
                    ConsistencyProof consistency = LOG.consistencyProof(m, n);
                    assertThat(consistency.path()).as("consistency %d to %d", m, n)
                            .usingElementComparator(Arrays::compare)
                            .containsExactlyElementsOf(ReferenceTree.proof((int) m, d));
                    consistency.verify(ReferenceTree.mth(DATA.subList(0, (int) m)), root);
                }
            }
        }
        assertThat(LOG.root()).isEqualTo(ReferenceTree.mth(DATA));
    }

    @Test
    void tamperedProofsAreRejected() throws Exception {
        int n = 1500;
        byte[] root = LOG.root(n);
        InclusionProof proof = LOG.inclusionProof(700, n);
        byte[] leaf = MerkleHashes.leafHash(DATA.get(700));
        proof.verify(leaf, root);
        for (int i = 0; i < proof.path().size(); i++) {
            List<byte[]> bad = new ArrayList<>(proof.path());
            byte[] flipped = bad.get(i).clone();
            flipped[i % 32] ^= 1;
            bad.set(i, flipped);
            assertThatThrownBy(() -> ProofVerifier.verifyInclusion(leaf, 700, n, bad, root))
                    .as("flipped hash %d", i).isInstanceOf(InvalidProofException.class);
        }
        assertThatThrownBy(() -> ProofVerifier.verifyInclusion(leaf, 701, n, proof.path(), root))
                .isInstanceOf(InvalidProofException.class);
        // A size with another tree shape (1024: one level fewer). Sizes with the same shape on the
        // path, e.g. 1501, are indistinguishable by design: the root binds the size, the path does not.
        assertThatThrownBy(() -> ProofVerifier.verifyInclusion(leaf, 700, 1024, proof.path(), root))
                .isInstanceOf(InvalidProofException.class);
        List<byte[]> longer = new ArrayList<>(proof.path());
        longer.add(root);
        assertThatThrownBy(() -> ProofVerifier.verifyInclusion(leaf, 700, n, longer, root))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("more than");
        List<byte[]> shorter = proof.path().subList(0, proof.path().size() - 1);
        assertThatThrownBy(() -> ProofVerifier.verifyInclusion(leaf, 700, n, shorter, root))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("needs more");
        assertThatThrownBy(() -> ProofVerifier.verifyInclusion(leaf, n, n, proof.path(), root))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("not below tree size");

        ConsistencyProof consistency = LOG.consistencyProof(1000, n);
        byte[] old = LOG.root(1000);
        for (int i = 0; i < consistency.path().size(); i++) {
            List<byte[]> bad = new ArrayList<>(consistency.path());
            byte[] flipped = bad.get(i).clone();
            flipped[0] ^= (byte) 0x80;
            bad.set(i, flipped);
            assertThatThrownBy(() -> ProofVerifier.verifyConsistency(1000, n, bad, old, root))
                    .as("flipped hash %d", i).isInstanceOf(InvalidProofException.class);
        }
        assertThatThrownBy(() -> ProofVerifier.verifyConsistency(1000, n, List.of(), old, root))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> ProofVerifier.verifyConsistency(1001, n, consistency.path(), old, root))
                .isInstanceOf(InvalidProofException.class);
        assertThatThrownBy(() -> ProofVerifier.verifyConsistency(n, n, List.of(), old, root))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("same size");
        assertThatThrownBy(() -> ProofVerifier.verifyConsistency(n, 1000, List.of(), root, old))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("first size");
        ProofVerifier.verifyConsistency(0, n, List.of(), MerkleHashes.emptyRoot(), root);
        ProofVerifier.verifyConsistency(n, n, List.of(), root, root);
    }

    @Test
    void proofsRoundTripThroughTextAndMalformedTextIsExplained() throws Exception {
        InclusionProof proof = LOG.inclusionProof(5, 8);
        InclusionProof parsed = InclusionProof.parse(proof.toText());
        assertThat(parsed.leafIndex()).isEqualTo(5);
        assertThat(parsed.treeSize()).isEqualTo(8);
        assertThat(parsed.path()).usingElementComparator(Arrays::compare).containsExactlyElementsOf(proof.path());
        ConsistencyProof consistency = LOG.consistencyProof(6, 8);
        assertThat(ConsistencyProof.parse(consistency.toText()).path())
                .usingElementComparator(Arrays::compare).containsExactlyElementsOf(consistency.path());

        String text = proof.toText();
        assertThatThrownBy(() -> InclusionProof.parse(text.replace("tree size 8", "tree size 08")))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("line 3").hasMessageContaining("leading zero");
        String[] lines = text.split("\n");
        assertThatThrownBy(() -> InclusionProof.parse(text.replace(lines[4], lines[4].substring(4))))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("line 5");
        assertThatThrownBy(() -> InclusionProof.parse(text.replace("leaf index 5", "leaf index 9")))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("not below tree size");
        assertThatThrownBy(() -> InclusionProof.parse(text.substring(0, text.length() - 1)))
                .isInstanceOf(InvalidProofException.class).hasMessageContaining("newline");
    }

    @Test
    void reopeningFromTheStoreRestoresRootsAndProofs() throws Exception {
        InMemoryLeafHashStore store = new InMemoryLeafHashStore();
        MerkleLog first = MerkleLog.openOver(store);
        for (int i = 0; i < 1100; i++) {
            first.append(DATA.get(i));
        }
        MerkleLog reopened = MerkleLog.open(store);
        assertThat(reopened.size()).isEqualTo(1100);
        assertThat(reopened.root()).isEqualTo(first.root()).isEqualTo(ReferenceTree.mth(DATA.subList(0, 1100)));
        assertThat(reopened.inclusionProof(600, 1100).path())
                .usingElementComparator(Arrays::compare)
                .containsExactlyElementsOf(first.inclusionProof(600, 1100).path());
        reopened.append(DATA.get(1100));
        assertThat(reopened.root()).isEqualTo(ReferenceTree.mth(DATA.subList(0, 1101)));
    }

    @Test
    void aFailingStoreLeavesTheLogUnchanged() {
        InMemoryLeafHashStore healthy = new InMemoryLeafHashStore();
        boolean[] broken = {false};
        LeafHashStore flaky = new LeafHashStore() {
            public long size() {
                return healthy.size();
            }

            public byte[] leafHash(long index) {
                return healthy.leafHash(index);
            }

            public void append(long index, byte[] leafHash) {
                if (broken[0]) {
                    throw new IllegalStateException("disk full");
                }
                healthy.append(index, leafHash);
            }
        };
        MerkleLog log = MerkleLog.openOver(flaky);
        log.append(DATA.get(0));
        byte[] root = log.root();
        broken[0] = true;
        assertThatThrownBy(() -> log.append(DATA.get(1))).hasMessageContaining("disk full");
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.root()).isEqualTo(root);
        broken[0] = false;
        assertThat(log.append(DATA.get(1))).isEqualTo(1);
        assertThat(log.root()).isEqualTo(ReferenceTree.mth(DATA.subList(0, 2)));
    }

    @Test
    void storesSeeTheEventDataAndBatchesAndAPartialBatchIsTakenIn() {
        List<byte[]> rows = new ArrayList<>();
        InMemoryLeafHashStore hashes = new InMemoryLeafHashStore();
        LeafHashStore table = new LeafHashStore() {
            public long size() {
                return hashes.size();
            }

            public byte[] leafHash(long index) {
                return hashes.leafHash(index);
            }

            public void append(long index, byte[] leafHash) {
                throw new AssertionError("the log must hand the event data to the store");
            }

            @Override
            public void append(long index, byte[] data, byte[] leafHash) {
                if (index == 7) {
                    throw new IllegalStateException("constraint violation at 7");
                }
                rows.add(data);
                hashes.append(index, leafHash);
            }
        };
        MerkleLog log = MerkleLog.openOver(table);
        log.append(DATA.get(0));
        assertThat(log.appendAll(DATA.subList(1, 5))).isEqualTo(1);
        assertThat(rows).containsExactlyElementsOf(DATA.subList(0, 5));
        assertThat(log.root()).isEqualTo(ReferenceTree.mth(DATA.subList(0, 5)));
        // Entries 5 and 6 are stored, 7 fails: the log takes in what is durable, then reports the failure.
        assertThatThrownBy(() -> log.appendAll(DATA.subList(5, 9))).hasMessageContaining("constraint violation");
        assertThat(log.size()).isEqualTo(7);
        assertThat(log.root()).isEqualTo(ReferenceTree.mth(DATA.subList(0, 7)));
    }

    @Test
    void frontierEdgeRoundTrips() {
        Frontier frontier = LOG.frontier();
        Frontier restored = Frontier.fromEdge(frontier.size(), frontier.edge());
        assertThat(restored.root()).isEqualTo(LOG.root());
        restored.appendLeafHash(MerkleHashes.leafHash("next".getBytes()));
        List<byte[]> more = new ArrayList<>(DATA);
        more.add("next".getBytes());
        assertThat(restored.root()).isEqualTo(ReferenceTree.mth(more));
        assertThatThrownBy(() -> Frontier.fromEdge(5, new byte[1][]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 edge subtrees");
    }

    @Test
    void requestsOutsideTheLogAreRefusedWithTheReason() {
        assertThatThrownBy(() -> LOG.inclusionProof(5, 3000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tree size 3000");
        assertThatThrownBy(() -> LOG.inclusionProof(8, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaf 8 is not in a tree of 8");
        assertThatThrownBy(() -> LOG.consistencyProof(9, 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first tree size 9");
        assertThatThrownBy(() -> LOG.appendLeafHash(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("31 bytes");
    }
}
