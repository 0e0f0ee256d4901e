package besa.match.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import besa.match.privacy.BloomEncoder.Hardening;
import besa.match.synth.SyntheticPeople;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BloomEncoderTest {
    static final byte[] SECRET = "a shared secret of 32+ bytes, agreed off-line".getBytes();
    static final byte[] OTHER = "another partner's secret, also 32+ bytes long".getBytes();

    static BloomEncoder encoder(byte[] secret, Hardening h) {
        return new BloomEncoder(secret, BloomEncoder.Spec.defaults().with(h));
    }

    static ClkRecord record(SyntheticPeople.Person p) {
        return new ClkRecord(p.given(), p.father(), p.surname(), p.year() == 0 ? null : p.dob());
    }

    /** n people and a variant of each (other script, spelling, typos), from a fixed seed. */
    static List<ClkRecord[]> pairs(int n, long seed) {
        SyntheticPeople gen = new SyntheticPeople(seed);
        List<ClkRecord[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SyntheticPeople.Person p = gen.person(null);
            out.add(new ClkRecord[] {record(p), record(gen.variant(p))});
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Hardening.class)
    void identicalInputsHaveDiceOne(Hardening h) {
        BloomEncoder e = encoder(SECRET, h);
        ClkRecord r = new ClkRecord("Arben", "Ilir", "Hoxha", "1985-03-12");
        long[] a = e.encode(r), b = e.encode(new ClkRecord("Arben", "Ilir", "Hoxha", "1985-03-12"));
        assertThat(a).hasSize(e.spec().encodedBits() / 64);
        assertThat(Dice.of(a, b)).isEqualTo(1.0);
    }

    @ParameterizedTest
    @EnumSource(Hardening.class)
    void unrelatedPeopleScoreLowAndVariantsHigh(Hardening h) {
        BloomEncoder e = encoder(SECRET, h);
        double t = e.spec().suggestedThreshold();
        List<ClkRecord[]> ps = pairs(400, 11);
        int unrelatedAbove = 0, variantsAbove = 0;
        double unrelatedSum = 0;
        for (int i = 0; i < ps.size(); i++) {
            long[] a = e.encode(ps.get(i)[0]);
            double u = Dice.of(a, e.encode(ps.get((i + 1) % ps.size())[1]));
            unrelatedSum += u;
            if (u >= t) unrelatedAbove++;
            if (Dice.of(a, e.encode(ps.get(i)[1])) >= t) variantsAbove++;
        }
        // some consecutive synthetic people share a common name and a birth year, so not zero
        assertThat(unrelatedAbove).as("unrelated pairs at or above %s", t).isLessThanOrEqualTo(4);
        assertThat(unrelatedSum / ps.size()).as("mean Dice of unrelated people, well below the threshold").isLessThan(t - 0.2);
        assertThat(variantsAbove).as("variants at or above %s", t).isGreaterThanOrEqualTo(360);
    }

    @Test
    void transliterationsAndSpellingsStillMatchUnderEveryHardening() {
        for (Hardening h : Hardening.values()) {
            BloomEncoder e = encoder(SECRET, h);
            long[] a = e.encode(new ClkRecord("Gjergj", "Ilir", "Hoxha", "1985-03-12"));
            assertThat(Dice.of(a, e.encode(new ClkRecord("Ђерђ", "Илир", "Хоџа", "12.03.1985")))).as(h.name()).isGreaterThanOrEqualTo(e.spec().suggestedThreshold());
            assertThat(Dice.of(a, e.encode(new ClkRecord("GJERGJI", "Ilir", "Hoxa", "1985-03-12")))).as(h.name()).isGreaterThanOrEqualTo(e.spec().suggestedThreshold());
            assertThat(Dice.of(a, e.encode(new ClkRecord("Gjergj", "Ilir", "Hoxha", "1975-08-02")))).as(h.name()).isLessThan(Dice.of(a, a));
        }
    }

    @ParameterizedTest
    @EnumSource(Hardening.class)
    void encodingsUnderDifferentKeysDoNotMatch(Hardening h) {
        BloomEncoder mine = encoder(SECRET, h), theirs = encoder(OTHER, h);
        int above = 0;
        for (ClkRecord[] p : pairs(200, 12)) {
            if (Dice.of(mine.encode(p[0]), theirs.encode(p[0])) >= mine.spec().suggestedThreshold()) above++;
        }
        assertThat(above).isZero();
    }

    @Test
    void balancingHidesTheNumberOfBitsAndKeepsTheHammingDistance() {
        BloomEncoder plain = encoder(SECRET, Hardening.NONE), balanced = encoder(SECRET, Hardening.BALANCE);
        for (ClkRecord[] p : pairs(100, 13)) {
            long[] a = plain.encode(p[0]), b = plain.encode(p[1]);
            long[] ba = balanced.encode(p[0]), bb = balanced.encode(p[1]);
            assertThat(Dice.cardinality(ba)).isEqualTo(1024);
            int hamming = 0;
            for (int i = 0; i < a.length; i++) hamming += Long.bitCount(a[i] ^ b[i]);
            assertThat(Dice.of(ba, bb)).isEqualTo(1 - hamming / 1024.0);
        }
        // a short name and a long one: different bit counts in the plain filter, equal once balanced
        ClkRecord shortName = new ClkRecord("Ana", null, "Uka", null), longName = new ClkRecord("Shkëlqim Xhevdet", "Dhimitër", "Frashëri", "1960-01-01");
        assertThat(Dice.cardinality(plain.encode(shortName))).isLessThan(Dice.cardinality(plain.encode(longName)));
        assertThat(Dice.cardinality(balanced.encode(shortName))).isEqualTo(Dice.cardinality(balanced.encode(longName)));
    }

    @Test
    void blockingKeepsTruePairsAndLinkingFindsThem() {
        BloomEncoder e = new BloomEncoder(SECRET, BloomEncoder.Spec.defaults());
        List<ClkRecord[]> ps = pairs(2_000, 14);
        List<long[]> left = ps.stream().map(p -> e.encode(p[0])).toList(), right = ps.stream().map(p -> e.encode(p[1])).toList();
        LshBlocking lsh = LshBlocking.defaults(SECRET, e.spec());
        int kept = 0;
        for (int i = 0; i < left.size(); i++) if (LshBlocking.shareBlock(lsh.keys(left.get(i)), lsh.keys(right.get(i)))) kept++;
        assertThat(kept).as("true pairs sharing a block").isGreaterThanOrEqualTo(1_980);
        ClkLinker.Result res = ClkLinker.link(left, right, e.spec().suggestedThreshold(), lsh, 2_000);
        assertThat(res.comparisons()).as("blocking must prune").isLessThan(2_000L * 2_000 / 10);
        List<ClkLinker.Pair> one = ClkLinker.oneToOne(res.pairs());
        long tp = one.stream().filter(p -> p.left() == p.right()).count();
        assertThat(tp).as("recall").isGreaterThanOrEqualTo(1_800);
        assertThat(one.size() - tp).as("false links").isLessThanOrEqualTo(40);
    }

    @Test
    void blockingWithAnotherKeySamplesOtherPositions() {
        BloomEncoder e = encoder(SECRET, Hardening.BALANCE);
        long[] a = e.encode(new ClkRecord("Arben", "Ilir", "Hoxha", "1985-03-12"));
        long[] mine = new LshBlocking(SECRET, 2048, 40, 16).keys(a), theirs = new LshBlocking(OTHER, 2048, 40, 16).keys(a);
        assertThat(LshBlocking.shareBlock(mine, theirs)).isFalse();
    }

    @Test
    void integerThresholdTestAgreesWithDice() {
        for (double t : new double[] {0.75, 0.82, 0.9}) {
            long fixed = Dice.fixedPoint(t);
            for (int sum = 1; sum <= 2048; sum += 7) for (int common = 0; 2 * common <= sum; common++) {
                double dice = 2.0 * common / sum;
                if (Dice.atLeast(common, sum, fixed)) assertThat(dice).isGreaterThanOrEqualTo(t);
                else assertThat(dice).isLessThan(t + 1.0 / 32768);
            }
        }
        assertThat(Dice.atLeast(0, 0, Dice.fixedPoint(0.5))).isFalse();
    }

    @Test
    void badParametersAreRefusedClearly() {
        assertThatThrownBy(() -> new BloomEncoder(new byte[16], BloomEncoder.Spec.defaults())).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> new BloomEncoder.Spec(1000, 10, 20, 20, Hardening.NONE)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> Dice.of(new long[16], new long[32])).hasMessageContaining("different lengths");
        assertThatThrownBy(() -> new LshBlocking(SECRET, 2048, 0, 16)).hasMessageContaining("at least one band");
    }
}
