package besa.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The append-only log engine: an RFC 9162 Merkle tree over a {@link LeafHashStore}.
 *
 * <p>In memory it keeps only the {@link Frontier} (right edge, at most 64 hashes) and a
 * {@link SubtreeCache} of subtrees of 256 leaves and more (about n/128 hashes). So an append
 * costs one store write plus amortised one node hash, the current root O(log n) hashes, and a
 * root at an older size, an inclusion proof or a consistency proof O(log n) cached lookups plus
 * at most a few hundred leaf-hash reads from the store. Nothing ever recomputes the whole tree,
 * except {@link #open(LeafHashStore)}, which reads every stored leaf hash once.
 *
 * <p>Thread-safe. Appends are serialised; proofs and historical roots are computed outside the
 * append lock from a consistent view.
 */
public final class MerkleLog {

    private final LeafHashStore store;
    private final Frontier frontier = new Frontier();
    private final SubtreeCache cache = new SubtreeCache();
    private final Frontier.SubtreeListener cacheWriter = cache::put;

    private MerkleLog(LeafHashStore store) {
        this.store = store;
    }

    /** A new, empty log kept entirely in memory (tests, benchmarks, witnesses). */
    public static MerkleLog inMemory() {
        return new MerkleLog(new InMemoryLeafHashStore());
    }

    /** A new, empty log over an empty {@code store}. */
    public static MerkleLog openOver(LeafHashStore store) {
        if (store.size() != 0) {
            throw new IllegalArgumentException("store already holds " + store.size() + " leaves; use open(store)");
        }
        return new MerkleLog(store);
    }

    /**
     * Opens a log over {@code store}, reading every stored leaf hash once to rebuild the frontier
     * and the subtree cache. The caller should then compare {@link #root(long)} at the latest
     * checkpoint's size with that checkpoint before accepting appends.
     */
    public static MerkleLog open(LeafHashStore store) {
        MerkleLog log = new MerkleLog(store);
        synchronized (log) {
            long size = store.size();
            store.read(0, size, (index, hash) -> {
                if (index != log.frontier.size()) {
                    throw new IllegalStateException("store returned leaf " + index + " where leaf "
                            + log.frontier.size() + " was expected");
                }
                log.frontier.appendLeafHash(hash, log.cacheWriter);
            });
        }
        return log;
    }

    /**
     * Hashes {@code data} as a leaf, stores it ({@link LeafHashStore#append(long, byte[], byte[])})
     * and returns its index. The store is written first; if it throws, the event is not in the log.
     */
    public long append(byte[] data) {
        byte[] leafHash = MerkleHashes.leafHash(data);
        synchronized (this) {
            long index = frontier.size();
            try {
                store.append(index, data, leafHash);
            } catch (RuntimeException e) {
                reconcile();
                throw e;
            }
            frontier.appendLeafHash(leafHash, cacheWriter);
            return index;
        }
    }

    /**
     * Appends an already computed leaf hash and returns its index. The store is written first;
     * if it throws, the leaf is not in the log.
     */
    public synchronized long appendLeafHash(byte[] leafHash) {
        MerkleHashes.requireHash(leafHash, "leaf hash");
        long index = frontier.size();
        byte[] copy = leafHash.clone();
        try {
            store.append(index, copy);
        } catch (RuntimeException e) {
            reconcile();
            throw e;
        }
        frontier.appendLeafHash(copy, cacheWriter);
        return index;
    }

    /**
     * Appends several events at once (group commit through {@link LeafHashStore#appendAll}) and
     * returns the index of the first. Hashing happens before the lock is taken.
     */
    public long appendAll(List<byte[]> data) {
        List<byte[]> hashes = new ArrayList<>(data.size());
        for (byte[] d : data) {
            hashes.add(MerkleHashes.leafHash(d));
        }
        synchronized (this) {
            long first = frontier.size();
            try {
                store.appendAll(first, data, hashes);
            } catch (RuntimeException e) {
                reconcile();
                throw e;
            }
            for (byte[] hash : hashes) {
                frontier.appendLeafHash(hash, cacheWriter);
            }
            return first;
        }
    }

    /**
     * After a failed store write: leaves the store did make durable (part of a batch) are taken
     * into the tree, so the log never disagrees with its store.
     */
    private void reconcile() {
        long stored = store.size();
        if (stored > frontier.size()) {
            store.read(frontier.size(), stored, (index, hash) -> frontier.appendLeafHash(hash, cacheWriter));
        }
    }

    /** Number of leaves in the log. */
    public synchronized long size() {
        return frontier.size();
    }

    /** Root hash of the whole log, O(log n). */
    public synchronized byte[] root() {
        return frontier.root();
    }

    /** A copy of the right edge, e.g. to store beside a checkpoint. */
    public synchronized Frontier frontier() {
        return frontier.copy();
    }

    /** The stored hash of leaf {@code index}. */
    public byte[] leafHash(long index) {
        long size = size();
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("leaf " + index + " is outside the log of " + size + " leaves");
        }
        return store.leafHash(index);
    }

    /** Root hash the log had when it held {@code treeSize} leaves. */
    public byte[] root(long treeSize) {
        Reader reader = reader(treeSize, "tree size");
        return treeSize == 0 ? MerkleHashes.emptyRoot() : reader.hash(0, treeSize);
    }

    /** RFC 9162 section 2.1.3.1: the audit path of leaf {@code leafIndex} in the tree of {@code treeSize}. */
    public InclusionProof inclusionProof(long leafIndex, long treeSize) {
        Reader reader = reader(treeSize, "tree size");
        if (leafIndex < 0 || leafIndex >= treeSize) {
            throw new IllegalArgumentException("leaf " + leafIndex + " is not in a tree of " + treeSize + " leaves");
        }
        // Walk from the root down to the leaf, collecting the sibling at each split;
        // the proof lists them from the leaf up.
        List<byte[]> topDown = new ArrayList<>();
        long offset = 0;
        long m = leafIndex;
        long n = treeSize;
        while (n > 1) {
            long k = TreeMath.splitPoint(n);
            if (m < k) {
                topDown.add(reader.hash(offset + k, offset + n));
                n = k;
            } else {
                topDown.add(reader.hash(offset, offset + k));
                offset += k;
                m -= k;
                n -= k;
            }
        }
        Collections.reverse(topDown);
        return new InclusionProof(leafIndex, treeSize, topDown);
    }

    /**
     * RFC 9162 section 2.1.4.1: proof that the tree of {@code firstSize} is a prefix of the tree
     * of {@code secondSize}. Empty when the sizes are equal or the first tree is empty.
     */
    public ConsistencyProof consistencyProof(long firstSize, long secondSize) {
        Reader reader = reader(secondSize, "second tree size");
        if (firstSize < 0 || firstSize > secondSize) {
            throw new IllegalArgumentException("first tree size " + firstSize + " must be in [0, " + secondSize + "]");
        }
        if (firstSize == 0 || firstSize == secondSize) {
            return new ConsistencyProof(firstSize, secondSize, List.of());
        }
        // SUBPROOF(m, D[n], b), unrolled: descend while m != n.
        List<byte[]> topDown = new ArrayList<>();
        long offset = 0;
        long m = firstSize;
        long n = secondSize;
        boolean firstIsWholeSubtree = true;
        while (m != n) {
            long k = TreeMath.splitPoint(n);
            if (m <= k) {
                topDown.add(reader.hash(offset + k, offset + n));
                n = k;
            } else {
                topDown.add(reader.hash(offset, offset + k));
                offset += k;
                m -= k;
                n -= k;
                firstIsWholeSubtree = false;
            }
        }
        if (!firstIsWholeSubtree) {
            topDown.add(reader.hash(offset, offset + m));
        }
        Collections.reverse(topDown);
        return new ConsistencyProof(firstSize, secondSize, topDown);
    }

    private Reader reader(long treeSize, String what) {
        SubtreeCache.View view;
        synchronized (this) {
            long size = frontier.size();
            if (treeSize < 0 || treeSize > size) {
                throw new IllegalArgumentException(what + " " + treeSize + " is outside [0, " + size
                        + "], the sizes this log has had");
            }
            view = cache.view(size);
        }
        return new Reader(view);
    }

    /** Computes MTH(D[start:end]) from cached subtrees and, for the last few hundred leaves, the store. */
    private final class Reader {
        private final SubtreeCache.View view;

        Reader(SubtreeCache.View view) {
            this.view = view;
        }

        byte[] hash(long start, long end) {
            long n = end - start;
            if (n == 1) {
                return store.leafHash(start);
            }
            if (TreeMath.isPowerOfTwo(n) && (start & (n - 1)) == 0) {
                int level = Long.numberOfTrailingZeros(n);
                if (level >= SubtreeCache.FIRST_LEVEL) {
                    return view.get(level, start >>> level);
                }
            }
            if (n <= 1L << SubtreeCache.FIRST_LEVEL) {
                Frontier range = new Frontier();
                store.read(start, end, (index, hash) -> range.appendLeafHash(hash));
                return range.root();
            }
            long k = TreeMath.splitPoint(n);
            return MerkleHashes.nodeHash(hash(start, start + k), hash(start + k, end));
        }
    }
}
