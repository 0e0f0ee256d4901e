package besa.match.privacy;

/**
 * How many elements a side of a cross-match sends for a list of a given size: its bucket, not its size. The
 * rest are dummies that can never match (random points for the PSI, encodings of made-up people for CLK), at places
 * drawn at random ({@link #slots}), so the partner learns only which bucket the list falls in: neither the dummies nor
 * the places of the real elements (of matches, say) tell it the size.
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

    /**
     * The places of {@code n} real elements among {@code sent}: {@code slots[i]} is where element i goes, a uniformly
     * random choice (a Fisher–Yates shuffle of all places from {@code random}, its first n kept). The caller keeps it.
     */
    public static int[] slots(int n, int sent, java.util.Random random) {
        if (n < 0 || sent < n) throw new IllegalArgumentException("cannot place " + n + " elements among " + sent);
        int[] all = new int[sent];
        for (int i = 0; i < sent; i++) all[i] = i;
        for (int i = sent - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, n);
    }

    /** Refuses places that are not n distinct places among {@code sent} (a saved session that does not fit its request). */
    public static void checkSlots(int[] slots, int n, int sent) {
        if (slots.length != n) throw new IllegalArgumentException(slots.length + " places for " + n + " elements");
        boolean[] used = new boolean[sent];
        for (int s : slots) {
            if (s < 0 || s >= sent || used[s]) throw new IllegalArgumentException("place " + s + " is not a free place among " + sent);
            used[s] = true;
        }
    }
}
