package besa.match.score;

import besa.match.block.Blocking;
import besa.match.data.Records;
import besa.match.data.Schema;
import besa.match.field.Value;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Estimates a {@link Model} without labels: u first from random pairs (almost all non-matches), then
 * m, u and lambda by expectation–maximisation over the distinct agreement patterns of the candidate
 * pairs, the random-pair u acting as a prior (blocked candidates agree more often than random pairs,
 * and a u that ignores that makes EM call every candidate a match). Patterns, not pairs, are iterated, so EM costs nothing even for millions of pairs.
 */
public final class Trainer {
    static final int RANDOM_PAIRS = 100_000;
    static final long EM_PAIRS = 400_000;
    private static final int ITERATIONS = 200;
    private static final double RANDOM_PRIOR = 1000;
    static final double FALLBACK_LAMBDA = 0.01;

    private Trainer() {}

    public static Model train(Blocking blocking, Schema schema, Consumer<String> progress) {
        double[][] u = randomU(blocking.indexed(), blocking.probe(), blocking.dedupe(), schema);
        Map<Long, long[]> patterns = candidatePatterns(blocking, schema);
        long n = patterns.values().stream().mapToLong(a -> a[0]).sum();
        progress.accept(String.format("training: u from %,d random pairs; EM over %,d distinct patterns of %,d candidate pairs", RANDOM_PAIRS, patterns.size(), n));
        Model fitted = em(schema, java.util.Arrays.stream(u).map(double[]::clone).toArray(double[][]::new), patterns);
        if (plausible(fitted)) return fitted;
        progress.accept("training: the EM fit does not look like duplicates (too few in the data?); using default m with random-pair u. Fit was:\n" + fitted.describe());
        return fallback(schema, u);
    }

    static int levels(Schema s, int c) {
        return s.get(c).field().levels().length;
    }

    /** Agreement pattern: 4 bits per comparison, 0 = missing, level + 1 otherwise. */
    public static long pattern(Value[] a, Value[] b, Schema schema, int[] levelsOut) {
        long p = 0;
        for (int c = 0; c < schema.size(); c++) {
            int l = schema.get(c).field().compare(a[c], b[c]);
            if (levelsOut != null) levelsOut[c] = l;
            p |= (long) (l + 1) << (4 * c);
        }
        return p;
    }

    static double[][] randomU(Records x, Records y, boolean dedupe, Schema schema) {
        int k = schema.size();
        long[][] counts = new long[k][];
        for (int c = 0; c < k; c++) counts[c] = new long[levels(schema, c)];
        if (x.size() > 0 && y.size() > 0 && !(dedupe && x.size() < 2)) {
            long[][][] perChunk = new long[8][][];
            IntStream.range(0, 8).parallel().forEach(t -> {
                long[][] cnt = new long[k][];
                for (int c = 0; c < k; c++) cnt[c] = new long[levels(schema, c)];
                SplittableRandom rnd = new SplittableRandom(42 + t);
                for (int i = 0; i < RANDOM_PAIRS / 8; i++) {
                    int a = rnd.nextInt(x.size()), b = rnd.nextInt(y.size());
                    if (dedupe && a == b) continue;
                    Value[] va = x.values(a), vb = y.values(b);
                    for (int c = 0; c < k; c++) {
                        int l = schema.get(c).field().compare(va[c], vb[c]);
                        if (l >= 0) cnt[c][l]++;
                    }
                }
                perChunk[t] = cnt;
            });
            for (long[][] cnt : perChunk) for (int c = 0; c < k; c++) for (int l = 0; l < cnt[c].length; l++) counts[c][l] += cnt[c][l];
        }
        double[][] u = new double[k][];
        for (int c = 0; c < k; c++) {
            int levels = counts[c].length;
            long tot = 0;
            for (long v : counts[c]) tot += v;
            u[c] = new double[levels];
            for (int l = 0; l < levels; l++) u[c][l] = (counts[c][l] + 0.5) / (tot + 0.5 * levels);
        }
        return u;
    }

    /** Pattern counts over candidate pairs (a strided sample of probe records when there are very many). */
    static Map<Long, long[]> candidatePatterns(Blocking blocking, Schema schema) {
        Records probe = blocking.probe(), idx = blocking.indexed();
        int n = probe.size();
        AtomicLong seen = new AtomicLong();
        Map<Long, long[]> all = new ConcurrentHashMap<>();
        int chunks = Math.max(1, Math.min(64, n / 256 + 1));
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            Blocking.Cursor cur = blocking.cursor();
            Map<Long, long[]> local = new HashMap<>();
            for (int p = ch; p < n; p += chunks) {
                if (seen.get() > EM_PAIRS) break;
                int k = blocking.candidates(p, cur);
                int[] cand = blocking.buffer(cur);
                for (int i = 0; i < k; i++) {
                    long pat = pattern(probe.values(p), idx.values(cand[i]), schema, null);
                    local.computeIfAbsent(pat, x -> new long[1])[0]++;
                }
                seen.addAndGet(k);
            }
            local.forEach((pat, c) -> all.merge(pat, c, (a, b) -> new long[] {a[0] + b[0]}));
        });
        return all;
    }

    static Model em(Schema schema, double[][] u, Map<Long, long[]> patterns) {
        int k = schema.size();
        int np = patterns.size();
        int[][] lv = new int[np][k];
        double[] cnt = new double[np];
        int i = 0;
        for (var e : patterns.entrySet()) {
            for (int c = 0; c < k; c++) lv[i][c] = (int) ((e.getKey() >>> (4 * c)) & 15) - 1;
            cnt[i++] = e.getValue()[0];
        }
        double[][] m = new double[k][];
        for (int c = 0; c < k; c++) {
            int levels = u[c].length;
            m[c] = new double[levels];
            // start: matches mostly agree exactly, a little mass on each weaker level
            for (int l = 0; l < levels; l++) m[c][l] = l == levels - 1 ? 0.7 : 0.3 / (levels - 1);
        }
        double lambda = 0.05;
        double[][] uRandom = new double[k][];
        for (int c = 0; c < k; c++) uRandom[c] = u[c].clone();
        double[] g = new double[np];
        for (int it = 0; it < ITERATIONS; it++) {
            double sumG = 0, total = 0;
            for (int p = 0; p < np; p++) {
                double lm = lambda, lu = 1 - lambda;
                for (int c = 0; c < k; c++) {
                    int l = lv[p][c];
                    if (l < 0) continue;
                    lm *= m[c][l];
                    lu *= u[c][l];
                }
                g[p] = lm / (lm + lu);
                sumG += g[p] * cnt[p];
                total += cnt[p];
            }
            double newLambda = Math.min(0.999, Math.max(1e-9, sumG / total));
            double change = Math.abs(newLambda - lambda);
            lambda = newLambda;
            for (int c = 0; c < k; c++) {
                double[] accM = new double[m[c].length], accU = new double[m[c].length];
                double totM = 0, totU = 0;
                for (int p = 0; p < np; p++) {
                    int l = lv[p][c];
                    if (l < 0) continue;
                    accM[l] += g[p] * cnt[p];
                    totM += g[p] * cnt[p];
                    accU[l] += (1 - g[p]) * cnt[p];
                    totU += (1 - g[p]) * cnt[p];
                }
                for (int l = 0; l < accM.length; l++) {
                    double v = (accM[l] + 0.1) / (totM + 0.1 * accM.length);
                    change = Math.max(change, Math.abs(v - m[c][l]));
                    m[c][l] = v;
                    // u among candidate non-matches: blocking makes them agree more often than random
                    // pairs do; the random-pair u is a prior worth RANDOM_PRIOR pairs
                    u[c][l] = (accU[l] + RANDOM_PRIOR * uRandom[c][l]) / (totU + RANDOM_PRIOR);
                }
                keepMeaning(m[c], u[c]);
            }
            if (change < 1e-7) break;
        }
        return new Model(schema, m, u, uRandom, lambda);
    }

    /**
     * Keeps EM in the basin where "match" means "agrees": disagreement must be at least twice as
     * likely among non-matches, exact agreement at least twice as likely among matches. Without this,
     * EM can settle on another split of the candidates (e.g. same name, different birth date).
     */
    static void keepMeaning(double[] m, double[] u) {
        int top = m.length - 1;
        boolean changed = false;
        if (m[0] > u[0] / 2) {
            m[0] = u[0] / 2;
            changed = true;
        }
        if (m[top] < Math.min(1, 2 * u[top])) {
            m[top] = Math.min(1, 2 * u[top]);
            changed = true;
        }
        if (!changed) return;
        double fixed = m[0] + m[top], rest = 0;
        for (int l = 1; l < top; l++) rest += m[l];
        double scale = rest > 0 ? Math.max(0, 1 - fixed) / rest : 0;
        for (int l = 1; l < top; l++) m[l] *= scale;
        double sum = 0;
        for (double v : m) sum += v;
        for (int l = 0; l <= top; l++) m[l] /= sum;
    }

    /**
     * EM finds *a* two-class split; on data with (almost) no duplicates that split is not "same
     * entity". A fitted model is accepted only if, on every field, exact agreement is evidence for and
     * disagreement evidence against, and matches are neither absent nor the majority of candidates.
     */
    static boolean plausible(Model model) {
        if (model.lambda < 1e-5 || model.lambda > 0.95) return false;
        for (int c = 0; c < model.m.length; c++) {
            int top = model.m[c].length - 1;
            if (model.weight[c][top] <= 0 || model.weight[c][0] >= 0) return false;
        }
        return true;
    }

    /** Fixed m (most matches agree exactly, few disagree) with u from random pairs: Duke-style defaults. */
    static Model fallback(Schema schema, double[][] uRandom) {
        int k = schema.size();
        double[][] m = new double[k][];
        for (int c = 0; c < k; c++) {
            int levels = uRandom[c].length;
            m[c] = new double[levels];
            for (int l = 0; l < levels; l++) m[c][l] = l == levels - 1 ? 0.85 : l == 0 ? 0.03 : 0.12 / (levels - 2);
        }
        return new Model(schema, m, uRandom, uRandom, FALLBACK_LAMBDA);
    }
}
