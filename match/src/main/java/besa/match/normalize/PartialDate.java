package besa.match.normalize;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date known to the year, the month or the day. Accepts ISO (1985-03-12, 1985-03, 1985), compact
 * (19850312), and European forms (12.03.1985, 12/03/1985, 12-03-1985). ISO text is its canonical form.
 */
public record PartialDate(int year, Integer month, Integer day) {
    private static final Pattern ISO = Pattern.compile("(\\d{4})(?:-(\\d{1,2})(?:-(\\d{1,2}))?)?");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern EUROPEAN = Pattern.compile("(\\d{1,2})[./-](\\d{1,2})[./-](\\d{4})");

    public PartialDate {
        if (year < 1000 || year > 2999) throw new IllegalArgumentException("year out of range: " + year);
        if (day != null && month == null) throw new IllegalArgumentException("a day needs a month");
        if (month != null && (month < 1 || month > 12)) throw new IllegalArgumentException("month out of range: " + month);
        if (day != null) {
            try {
                LocalDate.of(year, month, day);
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("no such day: " + year + "-" + month + "-" + day);
            }
        }
    }

    /** Parses any accepted form; empty for blank or unreadable text. */
    public static Optional<PartialDate> parse(String raw) {
        if (raw == null) return Optional.empty();
        String s = raw.strip();
        PartialDate fast = fixedWidth(s);
        if (fast != null) return Optional.of(fast);
        try {
            Matcher m = ISO.matcher(s);
            if (m.matches()) return Optional.of(new PartialDate(Integer.parseInt(m.group(1)), num(m.group(2)), num(m.group(3))));
            m = COMPACT.matcher(s);
            if (m.matches()) return Optional.of(new PartialDate(Integer.parseInt(m.group(1)), num(m.group(2)), num(m.group(3))));
            m = EUROPEAN.matcher(s);
            if (m.matches()) return Optional.of(new PartialDate(Integer.parseInt(m.group(3)), num(m.group(2)), num(m.group(1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Fast path for yyyy-mm-dd, dd.mm.yyyy, dd/mm/yyyy and yyyymmdd; null for anything else or an invalid day. */
    private static PartialDate fixedWidth(String s) {
        int y, m, d;
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            y = digits(s, 0, 4); m = digits(s, 5, 2); d = digits(s, 8, 2);
        } else if (s.length() == 10 && (s.charAt(2) == '.' || s.charAt(2) == '/') && s.charAt(5) == s.charAt(2)) {
            d = digits(s, 0, 2); m = digits(s, 3, 2); y = digits(s, 6, 4);
        } else if (s.length() == 8) {
            y = digits(s, 0, 4); m = digits(s, 4, 2); d = digits(s, 6, 2);
        } else {
            return null;
        }
        if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 28) return null; // others: the checked path
        return new PartialDate(y, m, d);
    }

    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static Integer num(String s) {
        return s == null ? null : Integer.valueOf(s);
    }

    /** ISO 8601 text at the precision known: "1985", "1985-03" or "1985-03-12". */
    public String iso() {
        StringBuilder b = new StringBuilder(10).append(year); // 1000..2999: always four digits
        if (month != null) two(b.append('-'), month);
        if (day != null) two(b.append('-'), day);
        return b.toString();
    }

    private static void two(StringBuilder b, int v) {
        if (v < 10) b.append('0');
        b.append(v);
    }

    @Override
    public String toString() {
        return iso();
    }
}
