package besa.ledger;

import java.security.MessageDigest;

/**
 * Recomputes the root of a log in one pass over its leaves, in O(log n) memory: feed every
 * leaf (data or hash) in index order, then read {@link #root()} or compare with a checkpoint.
 * This is what {@code besa audit verify} runs over the audit table. Not thread-safe.
 */
public final class StreamingVerifier {

    private final Frontier frontier = new Frontier();

    /** Adds the next leaf by its data. */
    public void addLeafData(byte[] data) {
        frontier.appendLeafHash(MerkleHashes.leafHash(data));
    }

    /** Adds the next leaf by its leaf hash. */
    public void addLeafHash(byte[] leafHash) {
        frontier.appendLeafHash(leafHash);
    }

    /** Leaves added so far. */
    public long size() {
        return frontier.size();
    }

    /** Root of the leaves added so far. */
    public byte[] root() {
        return frontier.root();
    }

    /** True when exactly {@code checkpoint.size()} leaves were added and their root is the checkpoint's. */
    public boolean matches(Checkpoint checkpoint) {
        return frontier.size() == checkpoint.size() && MessageDigest.isEqual(frontier.root(), checkpoint.rootHash());
    }
}
