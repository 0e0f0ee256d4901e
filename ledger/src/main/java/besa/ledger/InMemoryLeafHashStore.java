package besa.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Leaf hashes packed into 1 MiB blocks (32 bytes per leaf, no per-leaf object), so 10 million
 * leaves take 320 MB rather than several times that. Thread-safe.
 */
public final class InMemoryLeafHashStore implements LeafHashStore {

    private static final int LEAVES_PER_BLOCK_LOG2 = 15;
    private static final int LEAVES_PER_BLOCK = 1 << LEAVES_PER_BLOCK_LOG2;
    private static final int BLOCK_BYTES = LEAVES_PER_BLOCK * MerkleHashes.HASH_SIZE;

    private final List<byte[]> blocks = new ArrayList<>();
    private long size;

    @Override
    public synchronized long size() {
        return size;
    }

    @Override
    public synchronized byte[] leafHash(long index) {
        checkIndex(index);
        int offset = offset(index);
        byte[] block = blocks.get((int) (index >>> LEAVES_PER_BLOCK_LOG2));
        return Arrays.copyOfRange(block, offset, offset + MerkleHashes.HASH_SIZE);
    }

    @Override
    public synchronized void append(long index, byte[] leafHash) {
        MerkleHashes.requireHash(leafHash, "leaf hash " + index);
        if (index != size) {
            throw new IllegalArgumentException("append at index " + index + " but the store holds " + size
                    + " leaves; leaves are append-only and contiguous");
        }
        if ((index & (LEAVES_PER_BLOCK - 1)) == 0) {
            blocks.add(new byte[BLOCK_BYTES]);
        }
        System.arraycopy(leafHash, 0, blocks.getLast(), offset(index), MerkleHashes.HASH_SIZE);
        size++;
    }

    @Override
    public synchronized void read(long from, long to, LeafHashConsumer consumer) {
        if (from < 0 || from > to || to > size) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside [0, " + size + ")");
        }
        for (long i = from; i < to; i++) {
            int offset = offset(i);
            byte[] block = blocks.get((int) (i >>> LEAVES_PER_BLOCK_LOG2));
            consumer.accept(i, Arrays.copyOfRange(block, offset, offset + MerkleHashes.HASH_SIZE));
        }
    }

    private void checkIndex(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("leaf " + index + " outside [0, " + size + ")");
        }
    }

    private static int offset(long index) {
        return (int) (index & (LEAVES_PER_BLOCK - 1)) * MerkleHashes.HASH_SIZE;
    }
}
