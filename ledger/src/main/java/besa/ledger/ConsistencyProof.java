package besa.ledger;

import java.util.List;

/**
 * An RFC 9162 consistency proof that the tree of {@code firstSize} leaves is a prefix of the
 * tree of {@code secondSize} leaves.
 *
 * <p>Text form ({@link #toText()}, {@link #parse(String)}):
 * <pre>
 * besa consistency proof
 * first size 6
 * second size 8
 * &lt;base64 hash&gt;   (one line per path element)
 * </pre>
 */
public record ConsistencyProof(long firstSize, long secondSize, List<byte[]> path) {

    static final String TITLE = "besa consistency proof";

    public ConsistencyProof {
        if (firstSize < 0 || secondSize < firstSize) {
            throw new IllegalArgumentException("first size " + firstSize + " must be in [0, " + secondSize + "]");
        }
        path = ProofText.copy(path, "consistency proof");
    }

    /** Checks the proof against the two roots; throws with the reason if the first tree is not a prefix. */
    public void verify(byte[] firstRoot, byte[] secondRoot) throws InvalidProofException {
        ProofVerifier.verifyConsistency(firstSize, secondSize, path, firstRoot, secondRoot);
    }

    public String toText() {
        return ProofText.encode(TITLE, "first size", firstSize, "second size", secondSize, path);
    }

    public static ConsistencyProof parse(String text) throws InvalidProofException {
        ProofText.Parsed p = ProofText.parse(text, TITLE, "first size", "second size");
        if (p.first() > p.second()) {
            throw new InvalidProofException(TITLE + ": first size " + p.first() + " exceeds second size " + p.second());
        }
        return new ConsistencyProof(p.first(), p.second(), p.path());
    }
}
