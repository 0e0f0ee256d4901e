package besa.match.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Links two lists of encodings: candidates from {@link LshBlocking}, kept when their Dice
 * coefficient reaches the threshold. Runs where the encodings are compared (see
 * docs/privacy-matching.md on who that should be); needs no key.
 */
public final class ClkLinker {
    /** A linked pair: indexes into the left and right lists and their Dice coefficient. */
    public record Pair(int left, int right, double dice) {}

    /** Pairs (by left, then best first), the number of candidate comparisons and of blocks dropped by the cap. */
    public record Result(List<Pair> pairs, long comparisons, long blocksDropped) {}

    private ClkLinker() {}

    /**
     * @param maxBlock a block with more right-side encodings than this is skipped (blank or near-blank
     *                 records all look alike; without a cap they would be compared with each other)
     */
    public static Result link(List<long[]> left, List<long[]> right, double threshold, LshBlocking blocking, int maxBlock) {
        if (threshold <= 0 || threshold > 1) throw new IllegalArgumentException("threshold must be in (0, 1], is " + threshold);
        int[] cardRight = right.stream().mapToInt(Dice::cardinality).toArray();
        int width = right.isEmpty() ? 0 : right.get(0).length;
        long[] flat = new long[right.size() * width]; // one contiguous array: the inner loop streams through memory
        for (int r = 0; r < right.size(); r++) {
            if (right.get(r).length != width) throw new IllegalArgumentException("right encoding " + r + " has " + right.get(r).length * 64 + " bits, the first has " + width * 64);
            System.arraycopy(right.get(r), 0, flat, r * width, width);
        }
        Index index = index(right, blocking);
        long dropped = index.blocksOver(maxBlock);
        AtomicLong comparisons = new AtomicLong();
        long fixed = Dice.fixedPoint(threshold);
        int chunk = 512, chunks = (left.size() + chunk - 1) / chunk;
        List<List<Pair>> parts = IntStream.range(0, chunks).parallel().mapToObj(c -> {
            int[] seen = new int[right.size()];
            Arrays.fill(seen, -1);
            List<Pair> out = new ArrayList<>();
            long compared = 0;
            for (int l = c * chunk; l < Math.min(left.size(), (c + 1) * chunk); l++) {
                long[] a = left.get(l);
                if (a.length != width && !right.isEmpty()) throw new IllegalArgumentException("left encoding " + l + " has " + a.length * 64 + " bits, the right ones " + width * 64);
                int ca = Dice.cardinality(a);
                int start = out.size();
                for (int band = 0; band < blocking.bands(); band++) {
                    int bucket = (int) blocking.band(a, band), from = index.start(band, bucket), to = index.start(band, bucket + 1);
                    if (to - from > maxBlock) continue;
                    for (int m = from; m < to; m++) {
                        int r = index.members[band][m];
                        if (seen[r] == l) continue;
                        seen[r] = l;
                        compared++;
                        int common = Dice.common(a, flat, r * width), sum = ca + cardRight[r];
                        if (Dice.atLeast(common, sum, fixed)) out.add(new Pair(l, r, 2.0 * common / sum));
                    }
                }
                out.subList(start, out.size()).sort(Comparator.comparingDouble(Pair::dice).reversed());
            }
            comparisons.addAndGet(compared);
            return out;
        }).toList();
        List<Pair> pairs = new ArrayList<>();
        parts.forEach(pairs::addAll);
        return new Result(pairs, comparisons.get(), dropped);
    }

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

    static Index index(List<long[]> encodings, LshBlocking blocking) {
        if (blocking.bitsPerBand() > 24) throw new IllegalArgumentException("the linker indexes at most 24 bits per band, got " + blocking.bitsPerBand());
        int buckets = 1 << blocking.bitsPerBand(), bands = blocking.bands(), n = encodings.size();
        int[][] offsets = new int[bands][], members = new int[bands][];
        IntStream.range(0, bands).parallel().forEach(band -> {
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
