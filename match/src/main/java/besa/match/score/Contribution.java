package besa.match.score;

import java.util.Locale;

/**
 * One field's part in a score: the two values, how they compare (in words) and the bits of evidence
 * it adds, including any term-frequency adjustment. Renders as "surname: Hoxha ≈ Хоџа, transliteration, +6.2".
 */
public record Contribution(String field, String left, String right, String symbol, String level, double bits, double tfBits) {
    public String text() {
        String tf = tfBits == 0 ? "" : String.format(Locale.ROOT, " (%s value %+.1f)", tfBits < 0 ? "common" : "rare", tfBits);
        if (left == null) return String.format(Locale.ROOT, "%s: %s, %+.1f", field, level, bits);
        return String.format(Locale.ROOT, "%s: %s %s %s, %s, %+.1f%s", field, left, symbol, right, level, bits, tf);
    }

    @Override
    public String toString() {
        return text();
    }
}
