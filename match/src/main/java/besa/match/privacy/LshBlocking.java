package besa.match.privacy;

/**
 * Blocking on the encodings themselves: Hamming locality-sensitive hashing (bit sampling). Each of
 * {@code bands} block keys is the values of {@code bitsPerBand} positions chosen with a keyed stream
 * from the shared secret, so both partners sample the same positions and nobody else knows which.
 * Two encodings that differ in a fraction h of their bits share a given band with probability
 * (1 − h)^bitsPerBand, and are compared if they share any band. Nothing but the encodings is used,
 * so blocking reveals nothing the encodings do not (a keyed hash of a birth year or surname key
 * would reveal the frequency distribution of that key).
 */
public final class LshBlocking {
    private final int[][] positions;

    public LshBlocking(byte[] sharedSecret, int encodedBits, int bands, int bitsPerBand) {
        if (bands < 1 || bitsPerBand < 1 || bitsPerBand > 64 || bitsPerBand > encodedBits) {
            throw new IllegalArgumentException("need at least one band of 1 to 64 bits (and no more than the encoding has), got " + bands + " x " + bitsPerBand);
        }
        Keyed.Stream s = new Keyed.Stream(Keyed.derive(sharedSecret, "lsh/" + encodedBits + "/" + bands + "x" + bitsPerBand));
        positions = new int[bands][bitsPerBand];
        for (int[] band : positions) {
            for (int i = 0; i < bitsPerBand; i++) band[i] = s.nextInt(encodedBits);
        }
    }

    /**
     * 48 bands of 12 bits: on the default encodings this keeps 99.6% of the true pairs of synthetic
     * Albanian data and 90% of FEBRL4's (whose duplicates carry several errors each) while comparing
     * 3–5% of all pairs (docs/privacy-matching.md).
     */
    public static LshBlocking defaults(byte[] sharedSecret, BloomEncoder.Spec spec) {
        return new LshBlocking(sharedSecret, spec.encodedBits(), 48, 12);
    }

    public int bands() {
        return positions.length;
    }

    public int bitsPerBand() {
        return positions[0].length;
    }

    /** The sampled bits of one band, as a number below 2^bitsPerBand (the linker's bucket). */
    public long band(long[] encoding, int b) {
        long v = 0;
        for (int p : positions[b]) v = (v << 1) | (BloomEncoder.bit(encoding, p) ? 1 : 0);
        return v;
    }

    /** One 64-bit key per band (bands are kept apart by mixing in the band number). */
    public long[] keys(long[] encoding) {
        long[] out = new long[positions.length];
        for (int b = 0; b < positions.length; b++) out[b] = mix(band(encoding, b) ^ (b + 1) * 0x9E3779B97F4A7C15L);
        return out;
    }

    /** True when two encodings' keys share a band: whether blocking would compare them (before the block-size cap). */
    public static boolean shareBlock(long[] keysA, long[] keysB) {
        for (int b = 0; b < keysA.length; b++) if (keysA[b] == keysB[b]) return true;
        return false;
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
