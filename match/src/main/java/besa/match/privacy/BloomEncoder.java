package besa.match.privacy;

import besa.match.normalize.Names;
import besa.match.normalize.PartialDate;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;

/**
 * Keyed, hardened record-level Bloom-filter encodings (cryptographic long-term keys, CLKs, after
 * Schnell, Bachteler and Reiher 2011): every feature of a record sets k bits of one filter.
 *
 * <ul>
 *   <li>Names: bigrams of each token in Albanian-orthography Latin (Хоџа and Hoxha give the same
 *       text) padded with '_', plus the token's cross-language sound key as one more feature, so
 *       Hoca/Hoxha and Gjergj/George still share bits.</li>
 *   <li>Date of birth: year, month, day and the whole date as separate features, so a date with one
 *       wrong part still shares most of its bits.</li>
 *   <li>Keyed random hashing: the k positions of a feature are read from HMAC-SHA256 under a key per
 *       attribute derived from the partners' shared secret (no double hashing, whose arithmetic
 *       pattern the Kroll–Steinmetzer attack exploits; nobody without the secret can test a guess).</li>
 *   <li>Hardening, see {@link Hardening}.</li>
 * </ul>
 *
 * Thread-safe. Both partners must use the same secret and {@link Spec}.
 */
public final class BloomEncoder {

    /** How the plain filter is hardened against frequency and pattern-mining attacks. */
    public enum Hardening {
        /** The plain filter. */
        NONE,
        /**
         * Balancing (Berger and Ranbaduge): the filter followed by its complement, then a keyed
         * permutation of all 2·bits positions. Every encoding has exactly {@code bits} ones, so the
         * number of ones no longer reveals how long or how rare a name is, and frequent bigrams no
         * longer show as frequently set positions. Dice on balanced filters is 1 − Hamming/bits, an
         * exact function of the plain filters' Hamming distance, so it loses no linkage information.
         */
        BALANCE,
        /**
         * XOR-folding (Schnell, Borgs, Encheva 2016): the two halves XORed, half the length. A set bit
         * no longer belongs to a single bigram, which defeats bit-pattern attacks, at some cost in
         * linkage quality.
         */
        XOR_FOLD,
        /**
         * XOR-folding, then balancing the folded filter: a set bit belongs to no single bigram, and
         * every encoding has the same number of ones (half its length, {@code bits}).
         */
        FOLD_AND_BALANCE
    }

    /**
     * @param bits       plain filter length, a power of two from 64 to 65536
     * @param kName      positions per name bigram
     * @param kKey       positions per name sound key
     * @param kDate      positions per date part
     * @param hardening  see {@link Hardening}
     */
    public record Spec(int bits, int kName, int kKey, int kDate, Hardening hardening) {
        public Spec {
            if (bits < 64 || bits > 65536 || Integer.bitCount(bits) != 1) throw new IllegalArgumentException("bits must be a power of two from 64 to 65536, is " + bits);
            if (kName < 1 || kKey < 0 || kDate < 1 || Math.max(kName, Math.max(kKey, kDate)) > 64) throw new IllegalArgumentException("k must be between 1 and 64");
            if (hardening == null) throw new IllegalArgumentException("hardening is required");
        }

        public static Spec defaults() {
            return new Spec(1024, 10, 20, 20, Hardening.FOLD_AND_BALANCE);
        }

        public Spec with(Hardening h) {
            return new Spec(bits, kName, kKey, kDate, h);
        }

        /**
         * The Dice threshold to start from, measured on FEBRL4 and synthetic data (docs/privacy-matching.md).
         * Balanced encodings share all the zeros too, so unrelated records score higher and the threshold is higher.
         */
        public double suggestedThreshold() {
            return switch (hardening) {
                case NONE -> 0.75;
                case BALANCE -> 0.90;
                case XOR_FOLD -> 0.75;
                case FOLD_AND_BALANCE -> 0.82;
            };
        }

        /** Length of an encoding in bits, after hardening. */
        public int encodedBits() {
            return switch (hardening) {
                case NONE -> bits;
                case BALANCE -> 2 * bits;
                case XOR_FOLD -> bits / 2;
                case FOLD_AND_BALANCE -> bits;
            };
        }
    }

    private static final String[] ATTRIBUTES = {"given", "father", "surname", "dob"};
    private final Spec spec;
    private final ThreadLocal<Mac[]> macs;
    private final int[] permutation;

    public BloomEncoder(byte[] sharedSecret, Spec spec) {
        this.spec = spec;
        Keyed[] keys = new Keyed[ATTRIBUTES.length];
        for (int i = 0; i < keys.length; i++) keys[i] = Keyed.derive(sharedSecret, "attribute/" + ATTRIBUTES[i]);
        this.macs = ThreadLocal.withInitial(() -> {
            Mac[] m = new Mac[keys.length];
            for (int i = 0; i < m.length; i++) m[i] = keys[i].mac();
            return m;
        });
        int balanced = switch (spec.hardening()) {
            case BALANCE -> spec.bits();
            case FOLD_AND_BALANCE -> spec.bits() / 2;
            default -> 0;
        };
        this.permutation = balanced == 0 ? null : new Keyed.Stream(Keyed.derive(sharedSecret, "balance/" + balanced)).permutation(2 * balanced);
    }

    public Spec spec() {
        return spec;
    }

    /**
     * A dummy encoding that pads a list ({@link SetPadding}): the encoding, with this encoder and secret, of a made-up
     * person ({@link #madeUp}: common Albanian given names, father's names and surnames, a date of birth from 1945 to
     * 2006). A random filter would do for someone without the key, but the partner holds it: it can undo the balancing
     * and would see a random filter's half ones against a real encoding's fifth to two fifths, and read off that it
     * holds no names. A made-up person has the same density and structure as a real one. Like any other person it
     * could, rarely, resemble one of the partner's records (same given name, surname and date of birth): see
     * docs/privacy-matching.md for the rate.
     */
    public long[] dummy(java.security.SecureRandom random) {
        return encode(madeUp(random));
    }

    /**
     * A made-up person for a dummy encoding, drawn from {@code random}: names as common as they are in the population
     * ({@link besa.match.synth.SyntheticPeople}), any day of the month (not only the generator's 1 to 28).
     */
    static ClkRecord madeUp(java.security.SecureRandom random) {
        besa.match.synth.SyntheticPeople.Person p = new besa.match.synth.SyntheticPeople(random).person(null);
        int day = 1 + random.nextInt(java.time.YearMonth.of(p.year(), p.month()).lengthOfMonth());
        return new ClkRecord(p.given(), p.father(), p.surname(), String.format(Locale.ROOT, "%04d-%02d-%02d", p.year(), p.month(), day));
    }

    /**
     * What a holder of the key sees of an encoding: the filter before balancing (the first half of the balanced bits,
     * put back in place), or the encoding itself when nothing is balanced. For tests of what dummies reveal.
     */
    long[] keyHolderView(long[] encoded) {
        if (permutation == null) return encoded.clone();
        int n = permutation.length / 2;
        long[] out = new long[n / 64];
        for (int i = 0; i < n; i++) if (bit(encoded, permutation[i])) out[i >>> 6] |= 1L << i;
        return out;
    }

    /** The encoding of a record: {@link Spec#encodedBits()} bits, as longs. */
    public long[] encode(ClkRecord r) {
        long[] plain = new long[spec.bits() / 64];
        Mac[] m = macs.get();
        name(m[0], r.givenName(), plain);
        name(m[1], r.fatherName(), plain);
        name(m[2], r.surname(), plain);
        date(m[3], r.dateOfBirth(), plain);
        return switch (spec.hardening()) {
            case NONE -> plain;
            case BALANCE -> balance(plain);
            case XOR_FOLD -> fold(plain);
            case FOLD_AND_BALANCE -> balance(fold(plain));
        };
    }

    /** The features of a name (visible for tests and documentation). */
    static List<String> nameFeatures(String name) {
        List<String> out = new ArrayList<>();
        if (name == null) return out;
        for (Names.Token t : Names.keyedTokens(name)) {
            String s = "_" + t.text() + "_";
            for (int i = 0; i + 2 <= s.length(); i++) out.add(s.substring(i, i + 2));
        }
        return out;
    }

    private void name(Mac mac, String name, long[] bits) {
        if (name == null || name.isBlank()) return;
        for (String f : nameFeatures(name)) set(mac, "q" + f, spec.kName(), bits);
        if (spec.kKey() > 0) for (Names.Token t : Names.keyedTokens(name)) set(mac, "k" + t.searchKey(), spec.kKey(), bits);
    }

    private void date(Mac mac, String raw, long[] bits) {
        Optional<PartialDate> d = raw == null ? Optional.empty() : PartialDate.parse(raw);
        if (d.isEmpty()) return;
        PartialDate p = d.get();
        set(mac, "y" + p.year(), spec.kDate(), bits);
        if (p.month() != null) set(mac, "m" + p.month(), spec.kDate(), bits);
        if (p.day() != null) set(mac, "d" + p.day(), spec.kDate(), bits);
        if (p.day() != null) set(mac, String.format(Locale.ROOT, "f%d-%d-%d", p.year(), p.month(), p.day()), spec.kDate(), bits);
    }

    /** Sets k positions read from HMAC(feature), 16 bits each (exact modulo a power of two). */
    private void set(Mac mac, String feature, int k, long[] bits) {
        byte[] in = feature.getBytes(StandardCharsets.UTF_8);
        int mask = spec.bits() - 1;
        byte[] h = null;
        for (int i = 0; i < k; i++) {
            int j = i % 16;
            if (j == 0) {
                mac.update(in);
                mac.update((byte) (i / 16));
                h = mac.doFinal();
            }
            int pos = (((h[2 * j] & 0xff) << 8) | (h[2 * j + 1] & 0xff)) & mask;
            bits[pos >>> 6] |= 1L << pos;
        }
    }

    private long[] balance(long[] plain) {
        int n = plain.length * 64;
        long[] out = new long[2 * n / 64];
        for (int i = 0; i < 2 * n; i++) {
            boolean bit = i < n ? bit(plain, i) : !bit(plain, i - n);
            if (bit) {
                int to = permutation[i];
                out[to >>> 6] |= 1L << to;
            }
        }
        return out;
    }

    private static long[] fold(long[] plain) {
        int half = plain.length / 2;
        long[] out = new long[half];
        for (int i = 0; i < half; i++) out[i] = plain[i] ^ plain[i + half];
        return out;
    }

    static boolean bit(long[] bits, int i) {
        return (bits[i >>> 6] & (1L << i)) != 0;
    }
}
