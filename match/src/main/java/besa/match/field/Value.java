package besa.match.field;

/**
 * A prepared cell: its raw text (for explanations) and, per value in a multi-valued cell
 * ("a;b"), the normalised form, an alternative form (a sound key) and a field-specific extra.
 */
public final class Value {
    final String raw;
    final String[] norm;
    final String[] alt;
    final Object[] extra;

    Value(String raw, String[] norm, String[] alt, Object[] extra) {
        this.raw = raw;
        this.norm = norm;
        this.alt = alt;
        this.extra = extra;
    }

    public String raw() {
        return raw;
    }

    public int size() {
        return norm.length;
    }

    /** The normalised form of the i-th value. */
    public String norm(int i) {
        return norm[i];
    }
}
