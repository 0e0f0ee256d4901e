package besa.match.privacy;

/**
 * How many elements a side of a cross-match sends for a list of a given size: its bucket, not its size. The
 * rest are dummies that can never match (random points for the PSI, random balanced filters for CLK), so the
 * partner learns only which bucket the list falls in.
 */
public final class SetPadding {
    /** The smallest bucket: a list of 1 to 16 elements is sent as 16. */
    public static final int MIN_BUCKET = 16;

    private SetPadding() {}

    /**
     * The bucket of {@code size}: with {@code step} 0 the next power of two (at least {@link #MIN_BUCKET}), with a
     * positive {@code step} the next multiple of it. Never above {@code cap} (the largest list allowed, which is then
     * the top bucket); a size above the cap is its own (the caller refuses it).
     */
    public static int bucket(int size, int step, int cap) {
        if (size < 0 || step < 0 || cap < 1) throw new IllegalArgumentException("size, step and cap must not be negative (cap at least 1)");
        if (size > cap) return size;
        long b;
        if (step == 0) {
            b = MIN_BUCKET;
            while (b < size) b <<= 1;
        } else {
            b = Math.max(step, ((size + (long) step - 1) / step) * step);
        }
        return (int) Math.min(b, cap);
    }
}
