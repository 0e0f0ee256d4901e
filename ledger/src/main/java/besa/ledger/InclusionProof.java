package besa.ledger;

import java.util.List;

/**
 * An RFC 9162 inclusion proof (audit path): the sibling hashes from leaf {@code leafIndex} up to
 * the root of the tree of {@code treeSize} leaves, nearest the leaf first.
 *
 * <p>Text form ({@link #toText()}, {@link #parse(String)}):
 * <pre>
 * besa inclusion proof
 * leaf index 5
 * tree size 8
 * &lt;base64 hash&gt;   (one line per path element)
 * </pre>
 */
public record InclusionProof(long leafIndex, long treeSize, List<byte[]> path) {

    static final String TITLE = "besa inclusion proof";

    public InclusionProof {
        if (leafIndex < 0 || treeSize <= leafIndex) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " is not in a tree of size " + treeSize);
        }
        path = ProofText.copy(path, "inclusion proof");
    }

    /** Checks that {@code leafHash} is this leaf of the tree with {@code rootHash}; throws with the reason otherwise. */
    public void verify(byte[] leafHash, byte[] rootHash) throws InvalidProofException {
        ProofVerifier.verifyInclusion(leafHash, leafIndex, treeSize, path, rootHash);
    }

    /** The root the proof leads to from {@code leafHash}. */
    public byte[] rootFor(byte[] leafHash) throws InvalidProofException {
        return ProofVerifier.rootFromInclusionProof(leafHash, leafIndex, treeSize, path);
    }

    public String toText() {
        return ProofText.encode(TITLE, "leaf index", leafIndex, "tree size", treeSize, path);
    }

    public static InclusionProof parse(String text) throws InvalidProofException {
        ProofText.Parsed p = ProofText.parse(text, TITLE, "leaf index", "tree size");
        if (p.first() >= p.second()) {
            throw new InvalidProofException(TITLE + ": leaf index " + p.first() + " is not below tree size " + p.second());
        }
        return new InclusionProof(p.first(), p.second(), p.path());
    }
}
