package besa.ledger;

import java.util.Arrays;

/**
 * A witness's decision logic: co-sign a log's new checkpoint only if the log signed it and it
 * is an append-only extension of the last checkpoint this witness co-signed (checked with a
 * consistency proof). A witness therefore never co-signs two different trees of the same size,
 * nor a smaller tree, which is what makes a rewritten log detectable. The caller persists
 * {@link #latest()} (e.g. in a file) and restores it with the constructor. Thread-safe.
 */
public final class Witness {

    private final NoteSigner signer;
    private final CheckpointVerifier logVerifier;
    private Checkpoint latest;

    /** {@code latest} is the last checkpoint co-signed, or null for a witness that has seen nothing yet. */
    public Witness(NoteSigner signer, CheckpointVerifier logVerifier, Checkpoint latest) {
        this.signer = signer;
        this.logVerifier = logVerifier;
        this.latest = latest;
    }

    public synchronized Checkpoint latest() {
        return latest;
    }

    /**
     * Verifies {@code signedCheckpoint} and {@code proof} (from the size of {@link #latest()} to the
     * new size; ignored when this witness has seen nothing yet) and returns the note with this
     * witness's co-signature added.
     */
    public String cosign(String signedCheckpoint, ConsistencyProof proof)
            throws InvalidCheckpointException, InvalidProofException {
        return cosign(signedCheckpoint, proof, next -> {});
    }

    /**
     * As {@link #cosign(String, ConsistencyProof)}, but hands the new latest checkpoint to
     * {@code persist} first: only if it returns does this witness move on and the co-signature get
     * out. A persist that throws leaves the witness as it was.
     */
    public synchronized String cosign(String signedCheckpoint, ConsistencyProof proof, java.util.function.Consumer<Checkpoint> persist)
            throws InvalidCheckpointException, InvalidProofException {
        Checkpoint next = logVerifier.verify(signedCheckpoint).checkpoint();
        if (latest != null) {
            if (next.size() < latest.size()) {
                throw new InvalidCheckpointException("checkpoint of size " + next.size()
                        + " is older than the size " + latest.size() + " this witness already co-signed");
            }
            if (next.size() == latest.size()) {
                if (!Arrays.equals(next.rootHash(), latest.rootHash())) {
                    throw new InvalidCheckpointException("checkpoint of size " + next.size()
                            + " has a different root than the one this witness co-signed: the log forked");
                }
            } else {
                if (proof == null) {
                    throw new InvalidProofException("a consistency proof from size " + latest.size() + " to size "
                            + next.size() + " is required");
                }
                if (proof.firstSize() != latest.size() || proof.secondSize() != next.size()) {
                    throw new InvalidProofException("consistency proof is from size " + proof.firstSize() + " to "
                            + proof.secondSize() + ", but this witness needs " + latest.size() + " to " + next.size());
                }
                proof.verify(latest.rootHash(), next.rootHash());
            }
        }
        String cosigned = signer.cosign(signedCheckpoint);
        persist.accept(next);
        latest = next;
        return cosigned;
    }
}
