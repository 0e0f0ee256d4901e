package besa.exchange.format;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** STIX timestamps: RFC 3339 in UTC with a Z ({@code 2026-03-01T10:00:00.000Z}). */
final class StixTime {
    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

    private StixTime() {}

    static boolean valid(String s) {
        if (!SHAPE.matcher(s).matches()) return false;
        try {
            Instant.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A timestamp with milliseconds, as STIX writes them. */
    static String format(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC).format(t);
    }
}
