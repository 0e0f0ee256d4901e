package besa.ledger;

import java.util.Arrays;

/**
 * The right edge of an append-only Merkle tree: the roots of the perfect subtrees that the
 * tree of the current size decomposes into, one per set bit of the size (a "compact range"
 * covering {@code [0, size)}). With it, appending a leaf costs one leaf hash plus, amortised,
 * one node hash, and the root of the whole tree costs at most 63 node hashes, whatever the size.
 * Memory is at most 64 hashes.
 *
 * <p>The root is folded from the smallest subtree upwards, which is exactly the RFC 9162
 * Merkle Tree Hash: MTH(D[n]) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])), k the largest power of
 * two below n, where D[0:k] is always the largest perfect subtree on the edge.
 *
 * <p>Not thread-safe.
 */
public final class Frontier {

    /**
     * Told about every perfect subtree the frontier completes, including single leaves (level 0).
     * The subtree at {@code level} with index {@code index} covers leaves
     * {@code [index << level, (index + 1) << level)}.
     */
    @FunctionalInterface
    public interface SubtreeListener {
        void completed(int level, long index, byte[] hash);
    }

    private static final SubtreeListener NONE = (level, index, hash) -> { };

    /** {@code hashes[level]} is set exactly when bit {@code level} of {@code size} is set. */
    private final byte[][] hashes = new byte[64][];
    private long size;

    public Frontier() {
    }

    /** A copy, so a caller can take a snapshot and keep appending. */
    public Frontier copy() {
        Frontier copy = new Frontier();
        System.arraycopy(hashes, 0, copy.hashes, 0, hashes.length);
        copy.size = size;
        return copy;
    }

    /** Number of leaves appended so far. */
    public long size() {
        return size;
    }

    /** Appends the hash of one more leaf (already {@code SHA-256(0x00 || data)}). */
    public void appendLeafHash(byte[] leafHash) {
        appendLeafHash(leafHash, NONE);
    }

    /** Appends a leaf hash and tells {@code listener} about every subtree it completes. */
    public void appendLeafHash(byte[] leafHash, SubtreeListener listener) {
        MerkleHashes.requireHash(leafHash, "leaf hash");
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("the log is full (" + size + " leaves)");
        }
        long newSize = size + 1;
        byte[] carry = leafHash;
        int level = 0;
        listener.completed(0, size, carry);
        while ((size & (1L << level)) != 0) {
            carry = MerkleHashes.nodeHash(hashes[level], carry);
            hashes[level] = null;
            level++;
            listener.completed(level, (newSize >>> level) - 1, carry);
        }
        hashes[level] = carry;
        size = newSize;
    }

    /** The RFC 9162 Merkle Tree Hash of the leaves appended so far. */
    public byte[] root() {
        if (size == 0) {
            return MerkleHashes.emptyRoot();
        }
        int level = Long.numberOfTrailingZeros(size);
        byte[] root = hashes[level];
        for (level++; level < 64; level++) {
            if (hashes[level] != null) {
                root = MerkleHashes.nodeHash(hashes[level], root);
            }
        }
        return root;
    }

    /**
     * The subtree hashes of the right edge, largest subtree first (as stored beside a checkpoint
     * so that a log can resume without rereading every leaf).
     */
    public byte[][] edge() {
        return Arrays.stream(hashes).filter(h -> h != null).toList().reversed().toArray(byte[][]::new);
    }

    /**
     * Rebuilds a frontier from a size and its {@link #edge()}. The caller must trust the edge
     * (for example, check {@link #root()} against a signed checkpoint afterwards).
     */
    public static Frontier fromEdge(long size, byte[][] edge) {
        if (size < 0) {
            throw new IllegalArgumentException("tree size " + size + " is negative");
        }
        if (edge.length != Long.bitCount(size)) {
            throw new IllegalArgumentException("a tree of size " + size + " has " + Long.bitCount(size)
                    + " edge subtrees, not " + edge.length);
        }
        Frontier frontier = new Frontier();
        int i = edge.length - 1;
        for (int level = 0; level < 64; level++) {
            if ((size & (1L << level)) != 0) {
                frontier.hashes[level] = MerkleHashes.requireHash(edge[i], "edge subtree at level " + level).clone();
                i--;
            }
        }
        frontier.size = size;
        return frontier;
    }
}
