package besa.ledger;

/** Integer helpers for the shape of RFC 9162 trees. */
final class TreeMath {

    private TreeMath() {
    }

    /** The largest power of two strictly smaller than {@code n}; {@code n} must be at least 2 (RFC 9162 "k"). */
    static long splitPoint(long n) {
        if (n < 2) {
            throw new IllegalArgumentException("a tree of size " + n + " has no split point");
        }
        return Long.highestOneBit(n - 1);
    }

    static boolean isPowerOfTwo(long n) {
        return n > 0 && (n & (n - 1)) == 0;
    }
}
