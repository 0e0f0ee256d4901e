package besa.match.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import besa.match.privacy.BloomEncoder.Hardening;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The linker's fast path (unrolled kernel, early exit, worker threads) against the plain scalar Dice. */
class ClkLinkerTest {
    static final int N = 1_500;

    /** Left: N people; right: variants of the first two thirds and unrelated people (siblings among them: close scores). */
    static List<List<long[]>> sides(BloomEncoder enc, long seed) {
        List<ClkRecord[]> pairs = BloomEncoderTest.pairs(N, seed), others = BloomEncoderTest.pairs(N / 3, seed + 1);
        List<long[]> left = new ArrayList<>(), right = new ArrayList<>();
        for (ClkRecord[] p : pairs) left.add(enc.encode(p[0]));
        for (int i = 0; i < N; i++) right.add(enc.encode(i < 2 * N / 3 ? pairs.get(i)[1] : others.get(i - 2 * N / 3)[0]));
        return List.of(left, right);
    }

    @ParameterizedTest
    @EnumSource(Hardening.class)
    void sameResultOnAnyNumberOfThreads(Hardening h) {
        BloomEncoder enc = BloomEncoderTest.encoder(BloomEncoderTest.SECRET, h);
        List<List<long[]>> s = sides(enc, 11);
        LshBlocking lsh = LshBlocking.defaults(BloomEncoderTest.SECRET, enc.spec());
        double t = enc.spec().suggestedThreshold() - 0.06;
        ClkLinker.Result one = ClkLinker.link(s.get(0), s.get(1), t, lsh, 2_000, 1);
        assertThat(one.pairs()).as("pairs found").hasSizeGreaterThan(N / 2);
        for (int threads : new int[] {2, 3, 8}) {
            ClkLinker.Result many = ClkLinker.link(s.get(0), s.get(1), t, lsh, 2_000, threads);
            assertThat(many.pairs()).as(threads + " threads").isEqualTo(one.pairs());
            assertThat(many.comparisons()).isEqualTo(one.comparisons());
            assertThat(many.blocksDropped()).isEqualTo(one.blocksDropped());
        }
    }

    /**
     * Reference: every pair sharing a band ({@link LshBlocking#shareBlock}), scored by {@link Dice#of}
     * and kept by {@link Dice#atLeast} on the full count. The linker must find exactly these, with the
     * same scores, and count exactly these comparisons.
     */
    @ParameterizedTest
    @EnumSource(Hardening.class)
    void findsExactlyThePairsTheScalarDiceKeeps(Hardening h) {
        BloomEncoder enc = BloomEncoderTest.encoder(BloomEncoderTest.SECRET, h);
        List<List<long[]>> s = sides(enc, 12);
        List<long[]> left = s.get(0), right = s.get(1);
        LshBlocking lsh = new LshBlocking(BloomEncoderTest.SECRET, enc.spec().encodedBits(), 16, 8); // wide blocks: many comparisons near and far below the threshold
        double t = enc.spec().suggestedThreshold();
        long fixed = Dice.fixedPoint(t), shared = 0;
        List<ClkLinker.Pair> expected = new ArrayList<>();
        List<long[]> rightKeys = right.stream().map(lsh::keys).toList();
        for (int l = 0; l < left.size(); l++) {
            long[] kl = lsh.keys(left.get(l));
            for (int r = 0; r < right.size(); r++) {
                if (!LshBlocking.shareBlock(kl, rightKeys.get(r))) continue;
                shared++;
                long[] a = left.get(l), b = right.get(r);
                if (Dice.atLeast(Dice.common(a, b), Dice.cardinality(a) + Dice.cardinality(b), fixed)) expected.add(new ClkLinker.Pair(l, r, Dice.of(a, b)));
            }
        }
        expected.sort(Comparator.comparingInt(ClkLinker.Pair::left).thenComparing(Comparator.comparingDouble(ClkLinker.Pair::dice).reversed())
                .thenComparingInt(ClkLinker.Pair::right));

        ClkLinker.Result got = ClkLinker.link(left, right, t, lsh, Integer.MAX_VALUE, 2);

        assertThat(expected).as("reference pairs").hasSizeGreaterThan(N / 3);
        assertThat(shared).as("compared pairs").isGreaterThan(10L * expected.size());
        assertThat(got.pairs()).isEqualTo(expected);
        assertThat(got.comparisons()).isEqualTo(shared);
    }

    @Test
    void refusesMixedLengthsAndNoThreads() {
        BloomEncoder enc = BloomEncoderTest.encoder(BloomEncoderTest.SECRET, Hardening.FOLD_AND_BALANCE);
        LshBlocking lsh = LshBlocking.defaults(BloomEncoderTest.SECRET, enc.spec());
        List<long[]> ok = List.of(new long[16], new long[16]);
        assertThatThrownBy(() -> ClkLinker.link(List.of(new long[8]), ok, 0.8, lsh, 100, 2)).hasMessageContaining("left encoding 0 has 512 bits");
        List<long[]> manyWithOneBad = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) manyWithOneBad.add(new long[i == 700 ? 8 : 16]);
        assertThatThrownBy(() -> ClkLinker.link(manyWithOneBad, ok, 0.8, lsh, 100, 3)).as("thrown on a worker thread, rethrown to the caller")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("left encoding 700 has 512 bits");
        assertThatThrownBy(() -> ClkLinker.link(ok, List.of(new long[16], new long[8]), 0.8, lsh, 100, 1)).hasMessageContaining("encoding 1 has 512 bits");
        assertThatThrownBy(() -> ClkLinker.link(ok, ok, 0.8, lsh, 100, 0)).hasMessageContaining("threads must be at least 1");
        assertThat(ClkLinker.link(ok, List.of(), 0.8, lsh, 100, 2).pairs()).isEmpty();
    }

    /**
     * A list padded with dummy encodings links its real records exactly as before: the same pairs with the same scores.
     * A dummy is a made-up person, so like any unrelated person it can resemble a left record (same given name, surname
     * and year, say): it may pair, about as often as the unrelated real people on the right do (within a factor of
     * three, plus three pairs: the counts are small), never like a copy of a real record. A balanced dummy has as many
     * ones as a real balanced encoding.
     */
    @ParameterizedTest
    @EnumSource(Hardening.class)
    void dummiesPadAListWithoutChangingWhatItLinks(Hardening h) {
        BloomEncoder enc = BloomEncoderTest.encoder(BloomEncoderTest.SECRET, h);
        List<List<long[]>> s = sides(enc, 13);
        LshBlocking lsh = LshBlocking.defaults(BloomEncoderTest.SECRET, enc.spec());
        double t = enc.spec().suggestedThreshold();
        ClkLinker.Result plain = ClkLinker.link(s.get(0), s.get(1), t, lsh, 2_000, 2);
        java.security.SecureRandom random = seeded(13); // fixed, so the small counts below do not vary from run to run
        List<long[]> padded = new ArrayList<>(s.get(1));
        int bucket = SetPadding.bucket(padded.size(), 0, 50_000);
        while (padded.size() < bucket) padded.add(enc.dummy(random));
        assertThat(padded).hasSize(2048);
        ClkLinker.Result withDummies = ClkLinker.link(s.get(0), padded, t, lsh, 2_000, 2);
        assertThat(withDummies.pairs().stream().filter(p -> p.right() < N).toList()).isEqualTo(plain.pairs());
        // Pairs with a dummy, per dummy, against pairs with an unrelated real person (right 2N/3 to N), per such person.
        long withDummy = withDummies.pairs().stream().filter(p -> p.right() >= N).count();
        long withUnrelated = plain.pairs().stream().filter(p -> p.right() >= 2 * N / 3 && p.right() != p.left()).count();
        double expected = (double) withUnrelated * (bucket - N) / (N - 2 * N / 3);
        System.out.println(h + ": pairs with a dummy " + withDummy + " of " + (bucket - N) + ", with an unrelated person " + withUnrelated + " of " + (N - 2 * N / 3));
        assertThat((double) withDummy).as("pairs with dummies against those with as many unrelated people").isLessThanOrEqualTo(3 * expected + 3);
        if (h == Hardening.BALANCE || h == Hardening.FOLD_AND_BALANCE) {
            int ones = java.util.Arrays.stream(s.get(1).get(0)).mapToInt(Long::bitCount).sum();
            assertThat(padded.subList(N, bucket)).allMatch(d -> java.util.Arrays.stream(d).mapToInt(Long::bitCount).sum() == ones);
        }
    }

    /**
     * The partner holds the key, so it sees a dummy as the filter before balancing: it must not stand out by its density
     * of ones (a random filter has half, a real encoding a fifth to two fifths). Made-up people have the density of real
     * ones: the means within 0.02, and the spread alike.
     */
    @ParameterizedTest
    @EnumSource(Hardening.class)
    void dummiesHaveTheDensityOfRealEncodingsForTheKeyHolder(Hardening h) {
        BloomEncoder enc = BloomEncoderTest.encoder(BloomEncoderTest.SECRET, h);
        java.security.SecureRandom random = seeded(5);
        double[] real = BloomEncoderTest.pairs(1_000, 21).stream().mapToDouble(p -> density(enc.keyHolderView(enc.encode(p[0])))).toArray();
        double[] dummy = java.util.stream.IntStream.range(0, 1_000).mapToDouble(i -> density(enc.keyHolderView(enc.dummy(random)))).toArray();
        var r = java.util.Arrays.stream(real).summaryStatistics();
        var d = java.util.Arrays.stream(dummy).summaryStatistics();
        System.out.println(h + " key holder's density: real " + r + ", dummies " + d);
        assertThat(r.getAverage()).as("real density").isBetween(0.1, 0.45);
        assertThat(d.getAverage()).as("dummy density").isCloseTo(r.getAverage(), org.assertj.core.data.Offset.offset(0.02));
        assertThat(d.getMax()).as("no dummy denser than every real encoding").isLessThanOrEqualTo(r.getMax() + 0.02);
        assertThat(d.getMin()).as("no dummy sparser than every real encoding").isGreaterThanOrEqualTo(r.getMin() - 0.02);
    }

    static double density(long[] bits) {
        return java.util.Arrays.stream(bits).mapToInt(Long::bitCount).sum() / (64.0 * bits.length);
    }

    /** A SecureRandom whose output is fixed by the seed (SHA1PRNG seeded before use), so a test's dummies are too. */
    static java.security.SecureRandom seeded(long seed) {
        try {
            java.security.SecureRandom r = java.security.SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
