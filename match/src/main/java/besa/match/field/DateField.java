package besa.match.field;

import besa.match.normalize.PartialDate;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates of birth and other dates, possibly partial (year or year-month). Levels see through a
 * day/month swap and a single mistyped digit; a different date counts against a match.
 */
final class DateField extends Field {
    static final int DIFFERENT = 0, SAME_YEAR = 1, TYPO = 2, SWAPPED = 3, PARTIAL = 4, EXACT = 5;
    private static final String[] LEVELS = {"different", "same year", "typing error", "day and month swapped", "agrees as far as known", "exact"};
    private static final Pattern MONTH_FIRST = Pattern.compile("(\\d{1,2})[./-](\\d{1,2})[./-](\\d{4})");

    DateField() {
        super(FieldType.DATE);
    }

    @Override
    public String[] levels() {
        return LEVELS;
    }

    @Override
    protected Object[] prepareOne(String raw) {
        Optional<PartialDate> d = PartialDate.parse(raw);
        if (d.isEmpty()) d = monthFirst(raw);
        if (d.isEmpty()) return null;
        PartialDate p = d.get();
        int m = p.month() == null ? 0 : p.month(), day = p.day() == null ? 0 : p.day();
        return new Object[] {p.iso(), null, new int[] {p.year(), m, day}};
    }

    /** 03/25/1985 cannot be day-first, so it is month-first. */
    private static Optional<PartialDate> monthFirst(String raw) {
        Matcher m = MONTH_FIRST.matcher(raw.strip());
        if (!m.matches()) return Optional.empty();
        return PartialDate.parse(m.group(3) + "-" + m.group(1) + "-" + m.group(2));
    }

    @Override
    protected int compareOne(Value a, int i, Value b, int j) {
        int[] x = (int[]) a.extra[i], y = (int[]) b.extra[j];
        boolean fullX = x[2] != 0, fullY = y[2] != 0;
        if (fullX && fullY) {
            if (x[0] == y[0] && x[1] == y[1] && x[2] == y[2]) return EXACT;
            if (x[0] == y[0] && x[1] == y[2] && x[2] == y[1]) return SWAPPED;
            if (Strings.withinOneEdit(a.norm[i], b.norm[j]) || oneDigit(a.norm[i], b.norm[j])) return TYPO;
            return x[0] == y[0] ? SAME_YEAR : DIFFERENT;
        }
        if (x[0] != y[0]) return DIFFERENT;
        if (x[1] == 0 || y[1] == 0 || x[1] == y[1]) return PARTIAL;
        return SAME_YEAR;
    }

    private static boolean oneDigit(String a, String b) {
        if (a.length() != b.length()) return false;
        int diff = 0;
        for (int k = 0; k < a.length(); k++) if (a.charAt(k) != b.charAt(k)) diff++;
        return diff <= 1;
    }

    /** Blocks on the full date with day and month in either order, and on the year. */
    @Override
    protected void atoms(Value v, int i, Consumer<String> out) {
        int[] d = (int[]) v.extra[i];
        if (d[2] != 0) out.accept(d[0] + "|" + Math.min(d[1], d[2]) + "|" + Math.max(d[1], d[2]));
        out.accept("y" + d[0]);
    }
}
