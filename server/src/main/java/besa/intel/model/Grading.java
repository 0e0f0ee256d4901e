package besa.intel.model;

/**
 * The evaluation code of a statement (4x4 system): source reliability A/B/C/X and information
 * assessment 1-4, written together as e.g. "B2".
 */
public record Grading(char source, int info) {
    public Grading {
        if ("ABCX".indexOf(source) < 0) throw new InvalidValueException("source reliability must be A, B, C or X, not " + source);
        if (info < 1 || info > 4) throw new InvalidValueException("information assessment must be 1 to 4, not " + info);
    }

    /** Parses "B2" (also "b2", "B-2"). */
    public static Grading parse(String code) {
        String c = code == null ? "" : code.strip().toUpperCase().replace("-", "");
        if (c.length() != 2 || !Character.isDigit(c.charAt(1))) {
            throw new InvalidValueException("evaluation code must look like B2 (reliability A/B/C/X, then 1-4), not '" + code + "'");
        }
        return new Grading(c.charAt(0), c.charAt(1) - '0');
    }

    public String code() {
        return "" + source + info;
    }
}
