package besa.bench;

import besa.match.privacy.BloomEncoder;
import besa.match.privacy.ClkLinker;
import besa.match.privacy.ClkRecord;
import besa.match.privacy.Dice;
import besa.match.privacy.EncodingBlock;
import besa.match.privacy.LshBlocking;
import besa.match.synth.SyntheticPeople;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Speed of the CLK comparison, wall clock, on one thread and on every core:
 * <ol>
 *   <li>kernel: every probe of a block of 4,096 default encodings (synthetic people) against the whole
 *       block, as the old scalar loop ({@link Dice#common}), the unrolled kernel counting every word,
 *       and the unrolled kernel with the exact early exit ({@link EncodingBlock#commonIfAtLeast});
 *       each thread runs its own probes over the shared block;</li>
 *   <li>end to end: {@link ClkLinker#link} with LSH blocking on FEBRL4 and the synthetic Albanian set,
 *       comparisons actually made per wall-second (blocking, index and result included).</li>
 * </ol>
 * Each figure is printed with the 1-minute load average read when it was taken.
 * {@code bench/run clk-speed [seconds per measurement, default 5] [kernel|link]}
 */
public final class ClkSpeedBench {
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        String only = args.length > 1 ? args[1] : "all";
        int cores = Runtime.getRuntime().availableProcessors();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        BloomEncoder enc = new BloomEncoder(secret, BloomEncoder.Spec.defaults());
        System.out.printf(Locale.ROOT, "CLK comparison speed, default encodings (%s, %d bits), Dice >= %.2f; %s; JDK %s%n",
                enc.spec().hardening(), enc.spec().encodedBits(), enc.spec().suggestedThreshold(), BenchData.machine(), Runtime.version());
        if (!only.equals("link")) kernels(enc, seconds, cores);
        if (!only.equals("kernel")) {
            linkage(enc, secret, PrivacyMatchBench.febrl4(), cores);
            linkage(enc, secret, PrivacyMatchBench.synthetic(20_000, 10_000, 20260501L), cores);
        }
    }

    interface Kernel {
        /** Compares probe i with every encoding of the block; returns how many reach the threshold. */
        int run(int i);
    }

    static void kernels(BloomEncoder enc, double seconds, int cores) throws InterruptedException {
        SyntheticPeople gen = new SyntheticPeople(3);
        int n = 4096;
        List<long[]> encodings = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SyntheticPeople.Person p = gen.person(null);
            encodings.add(enc.encode(new ClkRecord(p.given(), p.father(), p.surname(), p.dob())));
        }
        EncodingBlock block = EncodingBlock.of(encodings);
        int w = block.width();
        long[] flat = new long[n * w];
        int[] cards = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(encodings.get(i), 0, flat, i * w, w);
            cards[i] = Dice.cardinality(encodings.get(i));
        }
        EncodingBlock.Probe[] probes = encodings.stream().map(block::probe).toArray(EncodingBlock.Probe[]::new);
        long fixed = Dice.fixedPoint(enc.spec().suggestedThreshold());
        Kernel scalar = i -> {
            long[] a = encodings.get(i);
            int hits = 0, ca = cards[i];
            for (int r = 0; r < n; r++) if (Dice.atLeast(Dice.common(a, flat, r * w), ca + cards[r], fixed)) hits++;
            return hits;
        };
        Kernel full = i -> block.countAtLeastFull(probes[i], 0, n, fixed);
        Kernel early = i -> block.countAtLeast(probes[i], 0, n, fixed);
        long expected = 0;
        for (int i = 0; i < n; i += 64) {
            int s = scalar.run(i);
            if (s != full.run(i) || s != early.run(i)) throw new IllegalStateException("kernels disagree on probe " + i);
            expected += s;
        }
        System.out.printf(Locale.ROOT, "%n== kernel: one probe against a contiguous block of %,d encodings (%,d of every 64th probe's comparisons pass; all three kernels agree) ==%n", n, expected);
        for (int round = 0; round < 2; round++) {
            for (var k : List.of(new Object[] {"scalar loop (Dice.common)", scalar}, new Object[] {"unrolled, every word", full},
                    new Object[] {"unrolled, exact early exit", early})) {
                for (int threads : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
                    double[] perSecond = measure((Kernel) k[1], n, threads, seconds);
                    System.out.printf(Locale.ROOT, "%s%-28s %d thread%s: %,8.1f M comparisons/s wall, %,8.1f M per CPU-second  (%s)%n", round == 0 ? "warm-up " : "        ",
                            k[0], threads, threads == 1 ? " " : "s", perSecond[0] / 1e6, perSecond[1] / 1e6, BenchData.machine());
                }
            }
        }
        // On a shared machine the rate of a window depends on what the neighbours do in it: ten
        // one-second windows of the linker's kernel on every core, their median and best.
        double[] wall = new double[10];
        for (int i = 0; i < wall.length; i++) wall[i] = measure(early, n, cores, 1)[0] / 1e6;
        double[] sorted = wall.clone();
        java.util.Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "exact early exit, %d threads, ten 1-s windows: median %.1f, best %.1f M comparisons/s wall (%s)%n",
                cores, (sorted[4] + sorted[5]) / 2, sorted[9], BenchData.machine());
    }

    /**
     * Comparisons per wall-second of {@code threads} threads, each running probes over the whole block
     * for {@code seconds}, and per second of the threads' CPU time (what the cores did when they ran us).
     */
    static double[] measure(Kernel k, int n, int threads, double seconds) throws InterruptedException {
        AtomicLong total = new AtomicLong(), sink = new AtomicLong(), cpuNanos = new AtomicLong();
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long end = System.nanoTime() + (long) (seconds * 1e9), start = System.nanoTime();
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int first = t * (n / threads);
            ts[t] = Thread.ofPlatform().start(() -> {
                long done = 0, hits = 0, cpu0 = mx.getCurrentThreadCpuTime();
                for (int i = first; System.nanoTime() < end; i = (i + 1) % n) {
                    hits += k.run(i);
                    done += n;
                }
                cpuNanos.addAndGet(mx.getCurrentThreadCpuTime() - cpu0);
                total.addAndGet(done);
                sink.addAndGet(hits);
            });
        }
        for (Thread t : ts) t.join();
        double wall = (System.nanoTime() - start) / 1e9;
        if (sink.get() < 0) System.out.println(); // keeps the hits alive
        return new double[] {total.get() / wall, total.get() / (cpuNanos.get() / 1e9)};
    }

    /** ClkLinker on one data set, one thread then every core; the two results must be identical. */
    static void linkage(BloomEncoder enc, byte[] secret, PrivacyMatchBench.Data d, int cores) {
        List<long[]> l = d.left().parallelStream().map(enc::encode).toList(), r = d.right().parallelStream().map(enc::encode).toList();
        LshBlocking lsh = new LshBlocking(secret, enc.spec().encodedBits(), PrivacyMatchBench.BANDS, PrivacyMatchBench.BITS_PER_BAND);
        double t = enc.spec().suggestedThreshold();
        System.out.printf(Locale.ROOT, "%n== end to end: ClkLinker.link, %s; LSH %d bands x %d bits, block cap %,d, Dice >= %.2f ==%n",
                d.name(), lsh.bands(), lsh.bitsPerBand(), PrivacyMatchBench.MAX_BLOCK, t);
        for (int i = 0; i < 3; i++) ClkLinker.link(l, r, t, lsh, PrivacyMatchBench.MAX_BLOCK, cores); // warm-up
        ClkLinker.Result first = null;
        for (int round = 0; round < 3; round++) {
            for (int threads : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
                double cpu0 = BenchData.cpuSeconds();
                long t0 = System.nanoTime();
                ClkLinker.Result res = ClkLinker.link(l, r, t, lsh, PrivacyMatchBench.MAX_BLOCK, threads);
                double wall = (System.nanoTime() - t0) / 1e9, cpu = BenchData.cpuSeconds() - cpu0;
                if (first == null) first = res;
                else if (!first.pairs().equals(res.pairs()) || first.comparisons() != res.comparisons()) throw new IllegalStateException("results differ with " + threads + " threads");
                System.out.printf(Locale.ROOT, "%d thread%s: %.3f s wall (%.3f CPU-s), %,d comparisons (%.2f %% of %,d x %,d), %,.1f M comparisons/s wall (%,.1f M per CPU-s), %,d pairs  (%s)%n",
                        threads, threads == 1 ? " " : "s", wall, cpu, res.comparisons(), 100.0 * res.comparisons() / ((double) l.size() * r.size()), l.size(), r.size(),
                        res.comparisons() / wall / 1e6, res.comparisons() / cpu / 1e6, res.pairs().size(), BenchData.machine());
            }
        }
        System.out.println("results identical on 1 and " + cores + " threads");
    }
}
