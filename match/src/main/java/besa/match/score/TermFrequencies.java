package besa.match.score;

import besa.match.data.Records;
import besa.match.data.Schema;
import besa.match.field.Field;
import besa.match.field.Value;
import java.util.HashMap;
import java.util.Map;

/**
 * How often each value occurs, per comparison, so that agreeing on a common value ("Hoxha") counts
 * for less than agreeing on a rare one. The adjustment to an agreeing level's weight is
 * log2(Σp² / p_value): Σp² (the chance that two random records share a value, computed exactly from
 * the counts) is what the level's weight assumes on average, p_value is this value's share. Clamped
 * to ±{@value #MAX_BITS} bits.
 */
public final class TermFrequencies {
    static final double MAX_BITS = 3;
    private final Map<String, Integer>[] counts;
    private final double total;
    private final double[] sumSquares;

    @SuppressWarnings("unchecked")
    public TermFrequencies(Schema schema, Records... sides) {
        counts = new Map[schema.size()];
        long n = 0;
        for (int c = 0; c < schema.size(); c++) {
            Field f = schema.get(c).field();
            boolean any = false;
            for (int l = 0; l < f.levels().length; l++) any |= f.tfApplies(l);
            if (any) counts[c] = new HashMap<>();
        }
        for (Records side : sides) {
            n += side.size();
            for (int r = 0; r < side.size(); r++) {
                Value[] v = side.values(r);
                for (int c = 0; c < counts.length; c++) {
                    if (counts[c] != null && v[c] != null) counts[c].merge(schema.get(c).field().tfToken(v[c]), 1, Integer::sum);
                }
            }
        }
        total = Math.max(1, n);
        sumSquares = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] == null) continue;
            double ss = 0;
            for (int k : counts[c].values()) ss += ((double) k / total) * ((double) k / total);
            sumSquares[c] = ss;
        }
    }

    /** Bits to add to the weight of comparison c when it agrees on the value in a. */
    public double adjustment(int c, Value a, Field f) {
        if (counts[c] == null || sumSquares[c] == 0) return 0;
        int k = counts[c].getOrDefault(f.tfToken(a), 1);
        double uValue = Math.max(k, 1) / total;
        double bits = Model.log2(sumSquares[c] / uValue);
        return Math.max(-MAX_BITS, Math.min(MAX_BITS, bits));
    }
}
