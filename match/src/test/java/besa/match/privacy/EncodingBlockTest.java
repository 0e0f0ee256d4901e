package besa.match.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The kernel's early exit never changes a decision, at any width (16 words unrolled, the others by the loop). */
class EncodingBlockTest {

    /** Random encodings and noisy copies of them: scores spread from ~0.3 to 1. */
    static List<long[]> encodings(int words, int n, Random rnd) {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long[] e = new long[words];
            if (i % 2 == 1) {
                System.arraycopy(out.get(i - 1), 0, e, 0, words);
                for (int flips = rnd.nextInt(words * 20); flips > 0; flips--) e[rnd.nextInt(words)] ^= 1L << rnd.nextInt(64);
            } else {
                double density = 0.1 + 0.6 * rnd.nextDouble(); // unbalanced: the two halves' counts differ
                for (int b = 0; b < words * 64; b++) if (rnd.nextDouble() < density) e[b / 64] |= 1L << b;
            }
            out.add(e);
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 16, 32})
    void earlyExitDecidesAsTheFullCount(int words) {
        Random rnd = new Random(words);
        List<long[]> enc = encodings(words, 200, rnd);
        EncodingBlock block = EncodingBlock.of(enc);
        int kept = 0, rejected = 0;
        for (double t : new double[] {0.3, 0.5, 0.7, 0.82, 0.9, 1.0}) {
            long fixed = Dice.fixedPoint(t);
            for (long[] a : enc) {
                EncodingBlock.Probe p = block.probe(a);
                for (int r = 0; r < enc.size(); r++) {
                    int common = Dice.common(a, enc.get(r)), sum = Dice.cardinality(a) + Dice.cardinality(enc.get(r));
                    assertThat(block.common(p, r)).isEqualTo(common);
                    int got = block.commonIfAtLeast(p, r, fixed);
                    if (Dice.atLeast(common, sum, fixed)) {
                        assertThat(got).as("pair kept by the full count, threshold %s", t).isEqualTo(common);
                        kept++;
                    } else {
                        assertThat(got).as("pair rejected by the full count, threshold %s", t).isEqualTo(-1);
                        rejected++;
                    }
                }
                assertThat(block.countAtLeast(p, 0, enc.size(), fixed)).isEqualTo(block.countAtLeastFull(p, 0, enc.size(), fixed));
            }
        }
        assertThat(kept).isGreaterThan(1_000);
        assertThat(rejected).isGreaterThan(1_000);
    }
}
