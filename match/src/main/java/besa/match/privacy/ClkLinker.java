package besa.match.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        Map<Long, int[]> index = index(right, blocking);
        long dropped = index.values().stream().filter(b -> b.length > maxBlock).count();
        AtomicLong comparisons = new AtomicLong();
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
                for (long key : blocking.keys(a)) {
                    int[] block = index.get(key);
                    if (block == null || block.length > maxBlock) continue;
                    for (int r : block) {
                        if (seen[r] == l) continue;
                        seen[r] = l;
                        compared++;
                        int common = Dice.common(a, flat, r * width), sum = ca + cardRight[r];
                        if (sum > 0 && 2.0 * common >= threshold * sum) out.add(new Pair(l, r, 2.0 * common / sum));
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

    static Map<Long, int[]> index(List<long[]> encodings, LshBlocking blocking) {
        Map<Long, List<Integer>> lists = new HashMap<>();
        for (int i = 0; i < encodings.size(); i++) {
            for (long k : blocking.keys(encodings.get(i))) lists.computeIfAbsent(k, x -> new ArrayList<>()).add(i);
        }
        Map<Long, int[]> out = new HashMap<>(lists.size() * 2);
        lists.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }
}
