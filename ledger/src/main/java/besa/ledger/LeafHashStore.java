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
     * Streams the leaf hashes of {@code [from, to)} in order. Stores backed by a database should
     * override this with one range query; the default reads one leaf at a time.
     */
    default void read(long from, long to, LeafHashConsumer consumer) {
        for (long i = from; i < to; i++) {
            consumer.accept(i, leafHash(i));
        }
    }
}
