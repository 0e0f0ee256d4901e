package besa.ledger;

import java.util.Arrays;

/**
 * The hashes of every completed perfect subtree of {@value #FIRST_LEVEL} or more levels
 * (256 leaves and up), packed per level. For n leaves this is about n/128 hashes, 2.5 MB for
 * 10 million leaves, and it bounds the work of any subtree hash to O(log n) lookups plus at most
 * 256 leaf reads.
 *
 * <p>Writes happen under the owning log's lock; {@link #view} hands out a read-only view that
 * stays valid while writers go on, because published entries are never rewritten and growing a
 * level copies it into a new array.
 */
final class SubtreeCache {

    /** Perfect subtrees of this many levels and more are kept. */
    static final int FIRST_LEVEL = 8;

    private final byte[][] levels = new byte[64][];

    /** Records a completed perfect subtree (called by the frontier). */
    void put(int level, long index, byte[] hash) {
        if (level < FIRST_LEVEL) {
            return;
        }
        long offset = index * MerkleHashes.HASH_SIZE;
        if (offset + MerkleHashes.HASH_SIZE > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("subtree cache level " + level + " is full at index " + index);
        }
        byte[] current = levels[level];
        if (current == null) {
            current = new byte[MerkleHashes.HASH_SIZE * 64];
        }
        if (offset + MerkleHashes.HASH_SIZE > current.length) {
            long grown = Math.max(offset + MerkleHashes.HASH_SIZE, (long) current.length * 2);
            current = Arrays.copyOf(current, (int) Math.min(grown, Integer.MAX_VALUE - 8));
        }
        System.arraycopy(hash, 0, current, (int) offset, MerkleHashes.HASH_SIZE);
        levels[level] = current;
    }

    /** A view of the cache as it is now, for a tree of {@code size} leaves. */
    View view(long size) {
        return new View(size, levels.clone());
    }

    /** Read-only view; only subtrees that lie within {@code size} may be asked for. */
    record View(long size, byte[][] levels) {
        byte[] get(int level, long index) {
            if (((index + 1) << level) > size) {
                throw new IllegalStateException("subtree " + index + " at level " + level
                        + " is not complete in a tree of " + size);
            }
            int offset = (int) (index * MerkleHashes.HASH_SIZE);
            return Arrays.copyOfRange(levels[level], offset, offset + MerkleHashes.HASH_SIZE);
        }
    }
}
