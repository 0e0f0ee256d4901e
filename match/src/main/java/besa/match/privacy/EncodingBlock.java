package besa.match.privacy;

import java.util.List;

/**
 * One side's encodings in one contiguous {@code long[]}, with each encoding's cardinality and the
 * cardinality of its first half precomputed: the comparison kernel of {@link ClkLinker} and of the
 * speed benchmarks.
 *
 * <p>{@link #commonIfAtLeast} decides Dice ≥ threshold exactly as {@link Dice#atLeast} on the full
 * count, but stops after the first half of the words when even the best case cannot reach the
 * threshold: common bits so far plus the fewer ones left in either second half. That bound is never
 * below the true count, so no pair at or above the threshold is lost; unrelated records (Dice ≈ 0.5
 * on the default balanced encodings, against 0.82 needed) are rejected after half the work. The
 * default 1024-bit encodings (16 words) have an unrolled path; other widths take the plain loop.
 */
public final class EncodingBlock {
    private final long[] flat;
    private final int width, size;
    private final int[] card, firstHalf;

    private EncodingBlock(long[] flat, int width, int size) {
        this.flat = flat;
        this.width = width;
        this.size = size;
        this.card = new int[size];
        this.firstHalf = new int[size];
        for (int r = 0; r < size; r++) {
            card[r] = range(flat, r * width, 0, width);
            firstHalf[r] = range(flat, r * width, 0, width / 2);
        }
    }

    /** Copies the encodings, which must all have the same length. */
    public static EncodingBlock of(List<long[]> encodings) {
        int width = encodings.isEmpty() ? 0 : encodings.get(0).length, n = encodings.size();
        long[] flat = new long[Math.multiplyExact(n, width)];
        for (int r = 0; r < n; r++) {
            long[] e = encodings.get(r);
            if (e.length != width) throw new IllegalArgumentException("encoding " + r + " has " + e.length * 64 + " bits, the first has " + width * 64);
            System.arraycopy(e, 0, flat, r * width, width);
        }
        return new EncodingBlock(flat, width, n);
    }

    public int size() {
        return size;
    }

    /** Words (64 bits) per encoding; 0 for an empty block. */
    public int width() {
        return width;
    }

    public int cardinality(int r) {
        return card[r];
    }

    /** The encoding to compare with this block's ones, with its counts precomputed once. */
    public Probe probe(long[] a) {
        if (size > 0 && a.length != width) throw new IllegalArgumentException("encoding has " + a.length * 64 + " bits, the block's " + width * 64);
        return new Probe(a, range(a, 0, 0, a.length), range(a, 0, 0, a.length / 2));
    }

    /** An encoding ready for comparison: its words, cardinality and the cardinality of its first half. */
    public record Probe(long[] words, int cardinality, int firstHalf) {}

    /** Positions set in both {@code p} and encoding {@code r}, over all words (no early exit). */
    public int common(Probe p, int r) {
        int o = r * width;
        return width == 16 ? firstHalf16(p.words, flat, o) + secondHalf16(p.words, flat, o) : common(p.words, flat, o, 0, width);
    }

    /**
     * The common positions of {@code p} and encoding {@code r} when their Dice coefficient reaches
     * the threshold ({@link Dice#fixedPoint}), else -1. Identical decisions to counting every word
     * and testing {@link Dice#atLeast}.
     */
    public int commonIfAtLeast(Probe p, int r, long fixedThreshold) {
        int o = r * width, half = width / 2, sum = p.cardinality + card[r];
        long[] a = p.words;
        int c = width == 16 ? firstHalf16(a, flat, o) : common(a, flat, o, 0, half);
        int bestCase = c + Math.min(p.cardinality - p.firstHalf, card[r] - firstHalf[r]);
        if (!Dice.atLeast(bestCase, sum, fixedThreshold)) return -1;
        c += width == 16 ? secondHalf16(a, flat, o) : common(a, flat, o, half, width);
        return Dice.atLeast(c, sum, fixedThreshold) ? c : -1;
    }

    /** How many encodings of {@code [from, to)} reach the threshold against {@code p}: one record against a contiguous block. */
    public int countAtLeast(Probe p, int from, int to, long fixedThreshold) {
        int n = 0;
        for (int r = from; r < to; r++) if (commonIfAtLeast(p, r, fixedThreshold) >= 0) n++;
        return n;
    }

    /** As {@link #countAtLeast}, counting every word of every pair (the kernel without the early exit). */
    public int countAtLeastFull(Probe p, int from, int to, long fixedThreshold) {
        int n = 0;
        for (int r = from; r < to; r++) if (Dice.atLeast(common(p, r), p.cardinality + card[r], fixedThreshold)) n++;
        return n;
    }

    private static int common(long[] a, long[] flat, int o, int from, int to) {
        int c = 0;
        for (int i = from; i < to; i++) c += Long.bitCount(a[i] & flat[o + i]);
        return c;
    }

    private static int range(long[] a, int o, int from, int to) {
        int c = 0;
        for (int i = from; i < to; i++) c += Long.bitCount(a[o + i]);
        return c;
    }

    // Unrolled by hand for the default width: fewer loop and bounds-check instructions per word than
    // the loop (DiceBench measures both), and independent popcounts the core runs side by side.
    private static int firstHalf16(long[] a, long[] f, int o) {
        return Long.bitCount(a[0] & f[o]) + Long.bitCount(a[1] & f[o + 1]) + Long.bitCount(a[2] & f[o + 2]) + Long.bitCount(a[3] & f[o + 3])
                + Long.bitCount(a[4] & f[o + 4]) + Long.bitCount(a[5] & f[o + 5]) + Long.bitCount(a[6] & f[o + 6]) + Long.bitCount(a[7] & f[o + 7]);
    }

    private static int secondHalf16(long[] a, long[] f, int o) {
        return Long.bitCount(a[8] & f[o + 8]) + Long.bitCount(a[9] & f[o + 9]) + Long.bitCount(a[10] & f[o + 10]) + Long.bitCount(a[11] & f[o + 11])
                + Long.bitCount(a[12] & f[o + 12]) + Long.bitCount(a[13] & f[o + 13]) + Long.bitCount(a[14] & f[o + 14]) + Long.bitCount(a[15] & f[o + 15]);
    }
}
