package besa.match;

import besa.match.block.Blocking;
import besa.match.block.BlockingKeys;
import besa.match.data.FieldSpec;
import besa.match.data.Records;
import besa.match.data.Schema;
import besa.match.field.Value;
import besa.match.score.Contribution;
import besa.match.score.Scorer;
import besa.match.score.TermFrequencies;
import besa.match.score.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Match one record against an in-memory index (the API's query-by-example). Records are maps from
 * column name to cell text; the index knows each column's type. Call {@link #train()} once the bulk
 * is loaded (queries train on first use otherwise); later additions are searchable at once and use
 * the trained model. Thread-safe: many concurrent queries, additions exclusive.
 */
public final class MatchIndex {
    /** A scored match with its per-field explanation. */
    public record Match(String id, double score, List<Contribution> contributions) {
        public String explanation() {
            return Scorer.explanation(contributions);
        }
    }

    static final int TRAINING_SAMPLE = 50_000;
    static final int MAX_BLOCK = 5_000;

    private final List<String> columns;
    private final Schema schema;
    private final List<String> ids = new ArrayList<>();
    private final List<Value[]> values = new ArrayList<>();
    private final Map<Long, int[]> postings = new HashMap<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile Scorer scorer;

    public MatchIndex(List<FieldSpec> fields) {
        this.columns = fields.stream().map(FieldSpec::column).toList();
        this.schema = Schema.same(columns, fields, "the index");
    }

    /** Adds (or, for a repeated id, adds again) a record. Unknown keys in the map are ignored. */
    public void add(String id, Map<String, String> record) {
        Value[] v = Records.prepareRow(row(record), schema, true);
        long[] keys = BlockingKeys.of(v, schema);
        lock.writeLock().lock();
        try {
            int r = ids.size();
            ids.add(id);
            values.add(v);
            for (long k : keys) {
                int[] p = postings.get(k);
                if (p == null) p = new int[4];
                else if (p[0] + 1 == p.length) p = Arrays.copyOf(p, p.length * 2);
                p[++p[0]] = r;
                postings.put(k, p);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int size() {
        return ids.size();
    }

    /** Estimates the model (EM, no labels) and term frequencies from (a sample of) the indexed records. */
    public void train() {
        lock.readLock().lock();
        try {
            int n = ids.size();
            if (n < 2) throw new IllegalStateException("the index needs at least two records to train on, has " + n);
            int[] pick = sample(n);
            String[] sid = new String[pick.length];
            Value[][] sv = new Value[pick.length][];
            for (int i = 0; i < pick.length; i++) {
                sid[i] = ids.get(pick[i]);
                sv[i] = values.get(pick[i]);
            }
            Records sampleRecs = new Records(sid, sv);
            Blocking b = Blocking.build(sampleRecs, sampleRecs, schema, Linker.DEFAULT_MAX_PAIRS_PER_KEY);
            Records all = new Records(ids.toArray(String[]::new), values.toArray(Value[][]::new));
            scorer = new Scorer(Trainer.train(b, schema, s -> { }), new TermFrequencies(schema, all));
        } finally {
            lock.readLock().unlock();
        }
    }

    private static int[] sample(int n) {
        if (n <= TRAINING_SAMPLE) return java.util.stream.IntStream.range(0, n).toArray();
        return new SplittableRandom(7).ints(0, n).distinct().limit(TRAINING_SAMPLE).sorted().toArray();
    }

    /** The best matches of a record, at or above minScore, best first, at most limit. */
    public List<Match> query(Map<String, String> record, int limit, double minScore) {
        if (scorer == null) {
            synchronized (this) {
                if (scorer == null) train();
            }
        }
        Value[] q = Records.prepareRow(row(record), schema, false);
        long[] keys = BlockingKeys.of(q, schema);
        List<Match> out = new ArrayList<>();
        lock.readLock().lock();
        try {
            int[] levels = new int[schema.size()];
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            List<double[]> hits = new ArrayList<>();
            for (long k : keys) {
                int[] p = postings.get(k);
                if (p == null || p[0] > MAX_BLOCK) continue;
                for (int i = 1; i <= p[0]; i++) {
                    int r = p[i];
                    if (!seen.add(r)) continue;
                    double bits = scorer.bits(q, values.get(r), levels);
                    double prob = Scorer.probability(bits);
                    if (prob >= minScore) hits.add(new double[] {prob, r});
                }
            }
            hits.sort(Comparator.comparingDouble((double[] h) -> -h[0]));
            for (int i = 0; i < Math.min(limit, hits.size()); i++) {
                int r = (int) hits.get(i)[1];
                out.add(new Match(ids.get(r), hits.get(i)[0], scorer.explain(q, values.get(r))));
            }
        } finally {
            lock.readLock().unlock();
        }
        return out;
    }

    private String[] row(Map<String, String> record) {
        String[] row = new String[columns.size()];
        for (int i = 0; i < row.length; i++) {
            String v = record.get(columns.get(i));
            row[i] = v == null ? "" : v.strip();
        }
        return row;
    }
}
