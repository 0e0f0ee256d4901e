package besa.match.privacy;

/** The Dice coefficient of two Bloom-filter encodings of equal length: 2·|a ∧ b| / (|a| + |b|). */
public final class Dice {
    private Dice() {}

    public static double of(long[] a, long[] b) {
        int common = common(a, b), sum = cardinality(a) + cardinality(b);
        return sum == 0 ? 0 : 2.0 * common / sum;
    }

    /** Number of positions set in both: the inner loop of every comparison. */
    public static int common(long[] a, long[] b) {
        if (a.length != b.length) throw new IllegalArgumentException("encodings of different lengths: " + a.length * 64 + " and " + b.length * 64 + " bits");
        int c = 0;
        for (int i = 0; i < a.length; i++) c += Long.bitCount(a[i] & b[i]);
        return c;
    }

    /** Common positions of {@code a} and the encoding stored at {@code offset} in a flat array of equal-length encodings. */
    public static int common(long[] a, long[] flat, int offset) {
        int c = 0;
        for (int i = 0; i < a.length; i++) c += Long.bitCount(a[i] & flat[offset + i]);
        return c;
    }

    public static int cardinality(long[] a) {
        int c = 0;
        for (long w : a) c += Long.bitCount(w);
        return c;
    }
}
