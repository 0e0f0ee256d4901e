package besa.exchange.partner;

/** Europol-style handling codes: H0 (no restriction) to H3 (most restricted). Higher is stricter. */
public enum HandlingCode {
    H0,
    H1,
    H2,
    H3;

    public static HandlingCode of(int level) {
        if (level < 0 || level > 3) throw new IllegalArgumentException("handling code must be H0 to H3, not " + level);
        return values()[level];
    }

    public int level() {
        return ordinal();
    }

    public boolean atMost(HandlingCode max) {
        return ordinal() <= max.ordinal();
    }
}
