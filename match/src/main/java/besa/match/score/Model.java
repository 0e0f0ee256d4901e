package besa.match.score;

import besa.match.data.Schema;
import java.util.Locale;

/**
 * Fellegi–Sunter parameters: per comparison and level, m = P(level | match) and u = P(level | non-match);
 * lambda = share of matches among candidate pairs. Level weights are log2(m/u) bits.
 */
public final class Model {
    final Schema schema;
    /** Floor on m and u: a level seen in neither class weighs nothing, and no level weighs more than ~13 bits. */
    static final double EPSILON = 1e-4;
    final double[][] m, u, uRandom, weight;
    final double lambda;

    /**
     * @param u among candidate non-matches (what scoring needs)
     * @param uRandom among random pairs (what term-frequency adjustment compares a value's frequency with)
     */
    public Model(Schema schema, double[][] m, double[][] u, double[][] uRandom, double lambda) {
        this.schema = schema;
        this.m = m;
        this.u = u;
        this.uRandom = uRandom;
        this.lambda = lambda;
        this.weight = new double[m.length][];
        for (int c = 0; c < m.length; c++) {
            weight[c] = new double[m[c].length];
            for (int l = 0; l < m[c].length; l++) weight[c][l] = log2((m[c][l] + EPSILON) / (u[c][l] + EPSILON));
        }
    }

    public Schema schema() {
        return schema;
    }

    public double lambda() {
        return lambda;
    }

    /** Prior log2-odds of a candidate pair being a match. */
    public double priorBits() {
        return log2(lambda / (1 - lambda));
    }

    public double weight(int comparison, int level) {
        return weight[comparison][level];
    }

    public double u(int comparison, int level) {
        return u[comparison][level];
    }

    public double uRandom(int comparison, int level) {
        return uRandom[comparison][level];
    }

    public double m(int comparison, int level) {
        return m[comparison][level];
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** A readable table of the parameters (for logs and docs). */
    public String describe() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "prior %.4f (%.1f bits)%n", lambda, priorBits()));
        for (int c = 0; c < m.length; c++) {
            b.append(schema.get(c).label()).append(':');
            String[] names = schema.get(c).field().levels();
            for (int l = m[c].length - 1; l >= 0; l--) {
                b.append(String.format(Locale.ROOT, " %s m=%.3f u=%.5f w=%+.1f;", names[l], m[c][l], u[c][l], weight[c][l]));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
