package besa.bench;

import besa.match.privacy.BloomEncoder;
import besa.match.privacy.ClkRecord;
import besa.match.privacy.Dice;
import besa.match.privacy.EncodingBlock;
import besa.match.synth.SyntheticPeople;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding comparisons per second: one probe's Dice test against a block of 4,096 encodings of
 * synthetic people stored in one flat array (common bits by AND and Long.bitCount, cardinalities
 * precomputed, threshold tested in integer arithmetic). {@code diceAtThreshold} is the plain loop of
 * {@link Dice#common}; {@code kernelEveryWord} and {@code kernelEarlyExit} are {@link EncodingBlock}'s
 * unrolled kernel, counting every word or stopping after half the words when the threshold is out
 * of reach (the linker's path). JMH reports operations per second = comparisons per second, summed
 * over threads with {@code -t}: {@code bench/run jmh-clk} runs one thread, then every core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class DiceBench {
    static final int N = 4096;

    @Param({"FOLD_AND_BALANCE", "BALANCE", "XOR_FOLD", "NONE"})
    public String hardening;

    long[] block;
    int width;
    int[] cards;
    long[] probe;
    int probeCard;
    long fixed;
    EncodingBlock kernelBlock;
    EncodingBlock.Probe kernelProbe;

    @Setup
    public void setup() {
        BloomEncoder enc = new BloomEncoder(new byte[32], BloomEncoder.Spec.defaults().with(BloomEncoder.Hardening.valueOf(hardening)));
        SyntheticPeople gen = new SyntheticPeople(1);
        width = enc.spec().encodedBits() / 64;
        block = new long[N * width];
        cards = new int[N];
        for (int i = 0; i < N; i++) {
            SyntheticPeople.Person p = gen.person(null);
            long[] e = enc.encode(new ClkRecord(p.given(), p.father(), p.surname(), p.dob()));
            System.arraycopy(e, 0, block, i * width, width);
            cards[i] = Dice.cardinality(e);
            if (i == N / 2) probe = e;
        }
        probeCard = cards[N / 2];
        fixed = Dice.fixedPoint(enc.spec().suggestedThreshold());
        java.util.List<long[]> all = new java.util.ArrayList<>();
        for (int i = 0; i < N; i++) all.add(java.util.Arrays.copyOfRange(block, i * width, (i + 1) * width));
        kernelBlock = EncodingBlock.of(all);
        kernelProbe = kernelBlock.probe(probe);
        if (kernelBlock.countAtLeast(kernelProbe, 0, N, fixed) != diceAtThreshold()) throw new IllegalStateException("kernels disagree");
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int diceAtThreshold() {
        int hits = 0;
        long[] a = probe;
        for (int r = 0; r < N; r++) {
            int common = Dice.common(a, block, r * width);
            if (Dice.atLeast(common, probeCard + cards[r], fixed)) hits++;
        }
        return hits;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int kernelEveryWord() {
        return kernelBlock.countAtLeastFull(kernelProbe, 0, N, fixed);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int kernelEarlyExit() {
        return kernelBlock.countAtLeast(kernelProbe, 0, N, fixed);
    }
}
