package besa.ledger;

/**
 * Where a {@link MerkleLog} keeps its leaf hashes: an append-only sequence indexed from 0.
 * The server implements it over its audit table; {@link InMemoryLeafHashStore} is the
 * reference implementation.
 *
 * <p>Contract: {@link #append} must be durable when it returns, and must fail (throw) rather
 * than leave a gap; the log updates its in-memory state only after the store accepted a leaf,
 * so an exception here means the audit event was not recorded (fail closed).
 */
public interface LeafHashStore {

    /** Receives leaf hashes in index order. */
    @FunctionalInterface
    interface LeafHashConsumer {
        void accept(long index, byte[] leafHash);
    }

    /** Number of leaves stored. */
    long size();

    /** The leaf hash at {@code index}, {@code 0 <= index < size()}. */
    byte[] leafHash(long index);

    /** Stores {@code leafHash} at {@code index}, which is always the current {@link #size()}. */
    void append(long index, byte[] leafHash);

    /**
     * Stores a whole entry: called by {@link MerkleLog#append(byte[])} so a table that keeps the
     * event beside its hash can write both in one row. The default keeps only the hash.
     */
    default void append(long index, byte[] data, byte[] leafHash) {
        append(index, leafHash);
    }

    /**
     * Stores consecutive entries from {@code firstIndex} (group commit). A database store should
     * write them in one transaction; the default writes one by one. {@code data} may be null when
     * only hashes are appended.
     */
    default void appendAll(long firstIndex, java.util.List<byte[]> data, java.util.List<byte[]> leafHashes) {
        for (int i = 0; i < leafHashes.size(); i++) {
            if (data == null) {
                append(firstIndex + i, leafHashes.get(i));
            } else {
                append(firstIndex + i, data.get(i), leafHashes.get(i));
            }
        }
    }

    /**
     * Streams the leaf hashes of {@code [from, to)} in order. Stores backed by a database should
     * override this with one range query; the default reads one leaf at a time.
     */
    default void read(long from, long to, LeafHashConsumer consumer) {
        for (long i = from; i < to; i++) {
            consumer.accept(i, leafHash(i));
        }
    }
}
