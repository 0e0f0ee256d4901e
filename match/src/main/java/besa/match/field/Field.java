package besa.match.field;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A typed field: turns raw cells into {@link Value}s, compares two values into a level
 * (0 = disagree, higher = stronger agreement, the last = exact) and offers blocking atoms.
 * Cells holding several values separated by ';' agree at the best level of any pair.
 */
public abstract class Field {
    private final FieldType type;

    protected Field(FieldType type) {
        this.type = type;
    }

    public FieldType type() {
        return type;
    }

    /** Level names, index 0 being disagreement. */
    public abstract String[] levels();

    /** Normalises one value; null if it holds nothing usable. Results: norm, alt, extra. */
    protected abstract Object[] prepareOne(String raw);

    /** Level of agreement of value i of a and value j of b. */
    protected abstract int compareOne(Value a, int i, Value b, int j);

    /** Identifier fields (phone, IMEI, e-mail, id) block alone; the others block in pairs. */
    public boolean identifier() {
        return false;
    }

    /** Weak blocking atoms of value i (name keys, dates, postcodes); identifiers give their value. */
    protected void atoms(Value v, int i, Consumer<String> out) {
        out.accept(v.norm[i]);
    }

    /** Whether term-frequency adjustment applies at this level; the token counted is {@link #tfToken}. */
    public boolean tfApplies(int level) {
        return false;
    }

    public String tfToken(Value v) {
        return v.norm[0];
    }

    /** Symbol for explanations: "=" exact, "≈" near, "≠" disagreement. */
    public String symbol(int level) {
        return level == 0 ? "≠" : level == levels().length - 1 ? "=" : "≈";
    }

    /** Prepares a cell; null when blank or unusable. */
    public final Value prepare(String cell) {
        if (cell == null || cell.isBlank()) return null;
        String[] parts = cell.indexOf(';') >= 0 ? cell.split(";") : new String[] {cell};
        List<Object[]> ok = new ArrayList<>(parts.length);
        for (String p : parts) {
            String s = p.strip();
            if (s.isEmpty()) continue;
            Object[] r = prepareOne(s);
            if (r != null) ok.add(r);
        }
        if (ok.isEmpty()) return null;
        int n = ok.size();
        String[] norm = new String[n], alt = new String[n];
        Object[] extra = new Object[n];
        for (int i = 0; i < n; i++) {
            norm[i] = (String) ok.get(i)[0];
            alt[i] = (String) ok.get(i)[1];
            extra[i] = ok.get(i)[2];
        }
        return new Value(cell.strip(), norm, alt, extra);
    }

    /** Best level over all pairs of values; -1 when either side is missing. */
    public final int compare(Value a, Value b) {
        if (a == null || b == null) return -1;
        int best = 0, top = levels().length - 1;
        for (int i = 0; i < a.norm.length && best < top; i++) {
            for (int j = 0; j < b.norm.length && best < top; j++) {
                best = Math.max(best, compareOne(a, i, b, j));
            }
        }
        return best;
    }

    /** All blocking atoms of a value (capped so a cell with many values cannot explode). */
    public final void blockingAtoms(Value v, Consumer<String> out) {
        if (v == null) return;
        for (int i = 0; i < v.norm.length && i < 4; i++) atoms(v, i, out);
    }
}
