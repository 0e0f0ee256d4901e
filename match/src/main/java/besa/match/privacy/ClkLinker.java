package besa.match.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Links two lists of encodings: candidates from {@link LshBlocking}, kept when their Dice
 * coefficient reaches the threshold. Runs where the encodings are compared (see
 * docs/privacy-matching.md on who that should be); needs no key.
 */
public final class ClkLinker {
    /** A linked pair: indexes into the left and right lists and their Dice coefficient. */
    public record Pair(int left, int right, double dice) {}

    /** Pairs (by left, then best first, then by right), the number of candidate comparisons and of blocks dropped by the cap. */
    public record Result(List<Pair> pairs, long comparisons, long blocksDropped) {}

    private ClkLinker() {}

    /** {@link #link(List, List, double, LshBlocking, int, int)} on all the machine's cores. */
    public static Result link(List<long[]> left, List<long[]> right, double threshold, LshBlocking blocking, int maxBlock) {
        return link(left, right, threshold, blocking, maxBlock, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param maxBlock a block with more right-side encodings than this is skipped (blank or near-blank
     *                 records all look alike; without a cap they would be compared with each other)
     * @param threads  worker threads; the result is the same for any number (each chunk of left records
     *                 is linked by one thread and the chunks are joined in order)
     */
    public static Result link(List<long[]> left, List<long[]> right, double threshold, LshBlocking blocking, int maxBlock, int threads) {
        if (threshold <= 0 || threshold > 1) throw new IllegalArgumentException("threshold must be in (0, 1], is " + threshold);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, is " + threads);
        EncodingBlock block = EncodingBlock.of(right); // one contiguous array, cardinalities precomputed
        Index index = index(right, blocking, threads);
        long dropped = index.blocksOver(maxBlock);
        long fixed = Dice.fixedPoint(threshold);
        int chunks = (left.size() + CHUNK - 1) / CHUNK;
        List<List<Pair>> parts = new ArrayList<>(java.util.Collections.nCopies(chunks, null));
        long[] compared = new long[chunks];
        int[][] seenOf = new int[threads][];
        Workers.run(chunks, threads, (worker, c) -> {
            if (seenOf[worker] == null) Arrays.fill(seenOf[worker] = new int[right.size()], -1);
            int[] seen = seenOf[worker]; // seen[r] == l: r already compared with left record l (left indexes are unique across chunks)
            List<Pair> out = new ArrayList<>();
            long n = 0;
            for (int l = c * CHUNK; l < Math.min(left.size(), (c + 1) * CHUNK); l++) {
                long[] a = left.get(l);
                if (right.isEmpty()) continue;
                if (a.length != block.width()) throw new IllegalArgumentException("left encoding " + l + " has " + a.length * 64 + " bits, the right ones " + block.width() * 64);
                EncodingBlock.Probe probe = block.probe(a);
                int start = out.size();
                for (int band = 0; band < blocking.bands(); band++) {
                    int bucket = (int) blocking.band(a, band), from = index.start(band, bucket), to = index.start(band, bucket + 1);
                    if (to - from > maxBlock) continue;
                    int[] members = index.members[band];
                    for (int m = from; m < to; m++) {
                        int r = members[m];
                        if (seen[r] == l) continue;
                        seen[r] = l;
                        n++;
                        int common = block.commonIfAtLeast(probe, r, fixed);
                        if (common >= 0) out.add(new Pair(l, r, 2.0 * common / (probe.cardinality() + block.cardinality(r))));
                    }
                }
                out.subList(start, out.size()).sort(BEST_FIRST);
            }
            parts.set(c, out);
            compared[c] = n;
        });
        List<Pair> pairs = new ArrayList<>();
        parts.forEach(pairs::addAll);
        return new Result(pairs, Arrays.stream(compared).sum(), dropped);
    }

    /** Left records per task: small enough to balance two cores, large enough to amortise the hand-over. */
    private static final int CHUNK = 256;

    /** Within one left record: highest Dice first, ties by right index (an order independent of band order and threads). */
    private static final Comparator<Pair> BEST_FIRST = Comparator.comparingDouble(Pair::dice).reversed().thenComparingInt(Pair::right);

    /** At most one pair per record on each side, strongest first (for lists known to hold each person once). */
    public static List<Pair> oneToOne(List<Pair> pairs) {
        List<Pair> sorted = new ArrayList<>(pairs);
        sorted.sort(Comparator.comparingDouble(Pair::dice).reversed());
        java.util.Set<Integer> usedL = new java.util.HashSet<>(), usedR = new java.util.HashSet<>();
        List<Pair> out = new ArrayList<>();
        for (Pair p : sorted) if (!usedL.contains(p.left()) && !usedR.contains(p.right())) {
            usedL.add(p.left());
            usedR.add(p.right());
            out.add(p);
        }
        return out;
    }

    /**
     * Per band, the right-side encodings grouped by the band's sampled bits (bucket b of band k holds
     * members[k][offsets[k][b] .. offsets[k][b + 1]]): counting sort, no hashing and no boxing.
     */
    record Index(int[][] offsets, int[][] members) {
        int start(int band, int bucket) {
            return offsets[band][bucket];
        }

        long blocksOver(int max) {
            long n = 0;
            for (int[] o : offsets) for (int b = 0; b + 1 < o.length; b++) if (o[b + 1] - o[b] > max) n++;
            return n;
        }
    }

    static Index index(List<long[]> encodings, LshBlocking blocking, int threads) {
        if (blocking.bitsPerBand() > 24) throw new IllegalArgumentException("the linker indexes at most 24 bits per band, got " + blocking.bitsPerBand());
        int buckets = 1 << blocking.bitsPerBand(), bands = blocking.bands(), n = encodings.size();
        int[][] offsets = new int[bands][], members = new int[bands][];
        Workers.run(bands, threads, (worker, band) -> {
            int[] bucketOf = new int[n], o = new int[buckets + 1], m = new int[n];
            for (int i = 0; i < n; i++) {
                bucketOf[i] = (int) blocking.band(encodings.get(i), band);
                o[bucketOf[i] + 1]++;
            }
            for (int b = 0; b < buckets; b++) o[b + 1] += o[b];
            int[] fill = java.util.Arrays.copyOf(o, buckets);
            for (int i = 0; i < n; i++) m[fill[bucketOf[i]]++] = i;
            offsets[band] = o;
            members[band] = m;
        });
        return new Index(offsets, members);
    }
}
