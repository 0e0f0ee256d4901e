package besa.intel.model;

/**
 * Handling codes, as in Europol's secure exchange: how a value may be used and passed on.
 * Higher codes restrict more; a statement never loses its code when it moves.
 */
public enum Handling {
    /** For police purposes in accordance with national law. */
    H0,
    /** Not to be used as evidence without the originator's permission. */
    H1,
    /** Not to be disseminated further without the originator's permission. */
    H2,
    /** Other restrictions the originator states; read the statement's source terms. */
    H3;

    public static Handling parse(String code) {
        String c = code == null ? "" : code.strip().toUpperCase();
        for (Handling h : values()) {
            if (h.name().equals(c)) return h;
        }
        throw new InvalidValueException("handling code must be H0, H1, H2 or H3, not '" + code + "'");
    }

    public int level() {
        return ordinal();
    }
}
