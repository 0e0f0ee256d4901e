package besa.match;

import besa.match.block.Blocking;
import besa.match.cluster.Clusters;
import besa.match.cluster.Judgements;
import besa.match.data.Records;
import besa.match.data.Schema;
import besa.match.score.Model;
import besa.match.score.Scorer;
import besa.match.score.TermFrequencies;
import besa.match.score.Trainer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The engine's batch modes: link two sources into scored pairs, deduplicate one source into
 * clusters. Both block, train a model without labels, score candidates in parallel and keep only
 * the pairs at or above a threshold, so memory follows the input and the matches, not the candidates.
 */
public final class Linker {
    /** The engine's own threshold: a calibrated probability above one half means "more likely the same". */
    public static final double DEFAULT_THRESHOLD = 0.5;
    public static final double DEFAULT_REVIEW = 0.1;
    public static final long DEFAULT_MAX_PAIRS_PER_KEY = 20_000;

    public record Options(double threshold, double review, long maxPairsPerKey, Judgements judgements, Consumer<String> progress) {
        public static Options defaults() {
            return new Options(DEFAULT_THRESHOLD, DEFAULT_REVIEW, DEFAULT_MAX_PAIRS_PER_KEY, new Judgements(), s -> { });
        }

        public Options withThreshold(double t) {
            return new Options(t, Math.min(review, t), maxPairsPerKey, judgements, progress);
        }

        public Options withProgress(Consumer<String> p) {
            return new Options(threshold, review, maxPairsPerKey, judgements, p);
        }

        public Options withJudgements(Judgements j) {
            return new Options(threshold, review, maxPairsPerKey, j, progress);
        }
    }

    /** A scored pair of record indices (left/right, or two records of one source). */
    public record Pair(int left, int right, double score) {}

    /** Blocking and work figures: candidates compared, all possible pairs, keys dropped by the cap. */
    public record Stats(long candidates, double allPairs, int keysDropped, int keysTotal, long millis) {
        public double reductionRatio() {
            return allPairs == 0 ? 0 : 1 - candidates / allPairs;
        }
    }

    public record LinkResult(List<Pair> pairs, Stats stats, Scorer scorer, Blocking blocking) {}

    public record DedupeResult(int[] clusters, List<Pair> matches, List<Pair> review, Stats stats, Scorer scorer, Blocking blocking) {}

    private Linker() {}

    /** Pairs of left and right records scored at or above the threshold, best first per left record. */
    public static LinkResult link(Records left, Records right, Schema schema, Options o) {
        long t0 = System.nanoTime();
        boolean leftIndexed = left.size() <= right.size();
        Records idx = leftIndexed ? left : right, probe = leftIndexed ? right : left;
        Blocking b = Blocking.build(idx, probe, schema, o.maxPairsPerKey());
        o.progress().accept(String.format("blocking: %,d keys, %,d dropped as too common", b.keysTotal(), b.keysDropped()));
        Scorer scorer = new Scorer(Trainer.train(b, schema, o.progress()), new TermFrequencies(schema, left, right));
        List<Pair> raw = new ArrayList<>();
        long candidates = score(b, scorer, o.threshold(), raw, o.progress());
        List<Pair> pairs = new ArrayList<>(raw.size());
        Map<String, Integer> leftIds = null, rightIds = null;
        for (Pair p : raw) {
            Pair lr = leftIndexed ? p : new Pair(p.right(), p.left(), p.score());
            if (Boolean.FALSE.equals(o.judgements().verdict(left.id(lr.left()), right.id(lr.right())))) continue;
            pairs.add(lr);
        }
        if (!o.judgements().isEmpty()) {
            leftIds = positions(left);
            rightIds = positions(right);
            for (var e : o.judgements().entries()) {
                if (!e.getValue()) continue;
                String[] ab = besa.match.cluster.Judgements.split(e.getKey());
                Integer l = leftIds.get(ab[0]), r = rightIds.get(ab[1]);
                if (l == null || r == null) {
                    l = leftIds.get(ab[1]);
                    r = rightIds.get(ab[0]);
                }
                if (l == null || r == null) continue;
                final int fl = l, fr = r;
                pairs.removeIf(p -> p.left() == fl && p.right() == fr);
                pairs.add(new Pair(l, r, 1.0));
            }
        }
        pairs.sort(Comparator.comparingInt(Pair::left).thenComparing(Comparator.comparingDouble(Pair::score).reversed()).thenComparingInt(Pair::right));
        Stats st = new Stats(candidates, b.totalPairs(), b.keysDropped(), b.keysTotal(), (System.nanoTime() - t0) / 1_000_000);
        return new LinkResult(pairs, st, scorer, b);
    }

    /** Clusters of one source: connected components of pairs at or above the threshold; a review band below. */
    public static DedupeResult dedupe(Records recs, Schema schema, Options o) {
        long t0 = System.nanoTime();
        Blocking b = Blocking.build(recs, recs, schema, o.maxPairsPerKey());
        o.progress().accept(String.format("blocking: %,d keys, %,d dropped as too common", b.keysTotal(), b.keysDropped()));
        Scorer scorer = new Scorer(Trainer.train(b, schema, o.progress()), new TermFrequencies(schema, recs));
        List<Pair> raw = new ArrayList<>();
        long candidates = score(b, scorer, Math.min(o.review(), o.threshold()), raw, o.progress());
        Clusters clusters = new Clusters(recs.size());
        Map<String, Integer> ids = o.judgements().isEmpty() ? Map.of() : positions(recs);
        List<Clusters.Edge> edges = new ArrayList<>();
        for (var e : o.judgements().entries()) {
            String[] ab = besa.match.cluster.Judgements.split(e.getKey());
            Integer x = ids.get(ab[0]), y = ids.get(ab[1]);
            if (x == null || y == null) continue;
            if (e.getValue()) edges.add(new Clusters.Edge(x, y, 2.0));
            else clusters.cannotLink(x, y);
        }
        List<Pair> matches = new ArrayList<>(), review = new ArrayList<>();
        for (Pair p : raw) {
            Boolean v = o.judgements().verdict(recs.id(p.left()), recs.id(p.right()));
            if (Boolean.FALSE.equals(v)) continue;
            if (p.score() >= o.threshold() || Boolean.TRUE.equals(v)) {
                matches.add(p);
                edges.add(new Clusters.Edge(p.left(), p.right(), p.score()));
            } else review.add(p);
        }
        clusters.addAll(edges);
        if (clusters.refused() > 0) o.progress().accept(clusters.refused() + " links refused by negative judgements");
        review.sort(Comparator.comparingDouble(Pair::score).reversed());
        Stats st = new Stats(candidates, b.totalPairs(), b.keysDropped(), b.keysTotal(), (System.nanoTime() - t0) / 1_000_000);
        return new DedupeResult(clusters.labels(), matches, review, st, scorer, b);
    }

    private static Map<String, Integer> positions(Records r) {
        Map<String, Integer> m = new HashMap<>(r.size() * 2);
        for (int i = 0; i < r.size(); i++) m.putIfAbsent(r.id(i), i);
        return m;
    }

    /** Scores all candidates in parallel; keeps pairs (indexed, probe) at or above min. Returns candidates compared. */
    static long score(Blocking b, Scorer scorer, double min, List<Pair> out, Consumer<String> progress) {
        Records probe = b.probe(), idx = b.indexed();
        int n = probe.size();
        int chunk = Math.max(64, n / 256);
        int chunks = (n + chunk - 1) / chunk;
        AtomicLong compared = new AtomicLong();
        AtomicInteger done = new AtomicInteger();
        double minBits = min <= 0 ? Double.NEGATIVE_INFINITY : min >= 1 ? Double.POSITIVE_INFINITY : Math.log(min / (1 - min)) / Math.log(2);
        int k = scorer.model().schema().size();
        List<List<Pair>> parts = IntStream.range(0, chunks).parallel().mapToObj(ch -> {
            Blocking.Cursor cur = b.cursor();
            int[] levels = new int[k];
            List<Pair> local = new ArrayList<>();
            long cmp = 0;
            for (int p = ch * chunk; p < Math.min(n, (ch + 1) * chunk); p++) {
                int c = b.candidates(p, cur);
                int[] cand = b.buffer(cur);
                for (int i = 0; i < c; i++) {
                    double bits = scorer.bits(idx.values(cand[i]), probe.values(p), levels);
                    if (bits >= minBits) local.add(new Pair(cand[i], p, Scorer.probability(bits)));
                }
                cmp += c;
            }
            compared.addAndGet(cmp);
            int d = done.incrementAndGet();
            if (n >= 100_000 && d % Math.max(1, chunks / 10) == 0) {
                progress.accept(String.format("scored %d%% (%,d pairs compared)", 100L * d / chunks, compared.get()));
            }
            return local;
        }).toList();
        for (List<Pair> l : parts) out.addAll(l);
        return compared.get();
    }
}
