package besa.match.score;

import besa.match.data.Schema;
import besa.match.field.Field;
import besa.match.field.FieldType;
import besa.match.field.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a pair: the prior log-odds plus each field's level weight, adjusted for how common the
 * agreeing value is, plus a penalty when the pair looks like siblings (same surname and father,
 * another first name). The probability is 1 / (1 + 2^-bits).
 */
public final class Scorer {
    /** Siblings share a surname, a father and an address; a different first name must outweigh that. */
    static final double SIBLING_BITS = -12;

    private final Model model;
    private final TermFrequencies tf;
    private final Schema schema;
    private final int given, father, surname;

    public Scorer(Model model, TermFrequencies tf) {
        this.model = model;
        this.tf = tf;
        this.schema = model.schema();
        this.given = find(FieldType.GIVEN_NAME);
        this.father = find(FieldType.FATHER_NAME);
        this.surname = find(FieldType.SURNAME);
    }

    private int find(FieldType t) {
        for (int c = 0; c < schema.size(); c++) if (schema.get(c).field().type() == t) return c;
        return -1;
    }

    public Model model() {
        return model;
    }

    /**
     * Levels of every comparison (-1 = missing). When given name and surname both disagree but agree
     * crosswise, the columns were swapped at entry ("Rowe, Caleb"): the crosswise levels are used.
     * Returns whether that happened.
     */
    private boolean levels(Value[] a, Value[] b, int[] levels) {
        for (int c = 0; c < levels.length; c++) levels[c] = schema.get(c).field().compare(a[c], b[c]);
        if (given < 0 || surname < 0 || levels[given] != 0 || levels[surname] != 0) return false;
        Field f = schema.get(given).field();
        int gs = f.compare(a[given], b[surname]), sg = f.compare(a[surname], b[given]);
        if (gs < 2 || sg < 2) return false;
        levels[given] = gs;
        levels[surname] = sg;
        return true;
    }

    /** Log2-odds of a match; levels receives each comparison's level (-1 = missing). */
    public double bits(Value[] a, Value[] b, int[] levels) {
        double s = model.priorBits();
        levels(a, b, levels);
        for (int c = 0; c < levels.length; c++) {
            Field f = schema.get(c).field();
            int l = levels[c];
            if (l < 0) continue;
            s += model.weight[c][l];
            if (tf != null && f.tfApplies(l)) s += tf.adjustment(c, a[c], f);
        }
        if (siblings(levels)) s += SIBLING_BITS;
        return s;
    }

    private boolean siblings(int[] levels) {
        return given >= 0 && father >= 0 && surname >= 0 && levels[given] == 0
                && levels[father] >= 4 && levels[surname] >= 4;
    }

    public static double probability(double bits) {
        return 1 / (1 + Math.pow(2, -bits));
    }

    /** The per-field contributions of a pair, prior first. */
    public List<Contribution> explain(Value[] a, Value[] b) {
        int[] levels = new int[schema.size()];
        boolean swapped = levels(a, b, levels);
        List<Contribution> out = new ArrayList<>();
        out.add(new Contribution("prior", null, null, "", "share of matches among candidates", model.priorBits(), 0));
        for (int c = 0; c < levels.length; c++) {
            int l = levels[c];
            if (l < 0) continue;
            Field f = schema.get(c).field();
            double tfBits = tf != null && f.tfApplies(l) ? tf.adjustment(c, a[c], f) : 0;
            boolean cross = swapped && (c == given || c == surname);
            Value other = cross ? b[c == given ? surname : given] : b[c];
            out.add(new Contribution(schema.get(c).label(), a[c].raw(), other.raw(), f.symbol(l),
                    f.levels()[l] + (cross ? " (given name and surname swapped)" : ""), model.weight[c][l] + tfBits, tfBits));
        }
        if (siblings(levels)) out.add(new Contribution("siblings", null, null, "", "same surname and father, other first name", SIBLING_BITS, 0));
        return out;
    }

    /** Contributions joined into one line: "given-name: arben = arben, exact, +4.1; ...". */
    public static String explanation(List<Contribution> cs) {
        StringBuilder b = new StringBuilder();
        for (Contribution c : cs) {
            if (!b.isEmpty()) b.append("; ");
            b.append(c.text());
        }
        return b.toString();
    }
}
