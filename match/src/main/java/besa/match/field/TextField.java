package besa.match.field;

import besa.match.normalize.Names;
import java.util.function.Consumer;

/** Addresses, cities and free text: folded to ASCII and compared by Jaro–Winkler and shared words. */
final class TextField extends Field {
    private static final String[] ADDRESS = {"different", "shares words", "typo", "exact"};
    private static final String[] CITY = {"different", "similar", "transliteration", "exact"};
    private static final String[] TEXT = {"different", "similar", "exact"};

    TextField(FieldType type) {
        super(type);
    }

    @Override
    public String[] levels() {
        return switch (type()) {
            case ADDRESS -> ADDRESS;
            case CITY -> CITY;
            default -> TEXT;
        };
    }

    @Override
    protected Object[] prepareOne(String raw) {
        String f = Names.fold(raw);
        if (f.isEmpty()) return null;
        String alt = type() == FieldType.CITY ? String.join(" ", Names.keys(raw)) : null;
        Object words = type() == FieldType.ADDRESS ? f.split(" ") : null;
        return new Object[] {f, alt, words};
    }

    @Override
    protected int compareOne(Value a, int i, Value b, int j) {
        String x = a.norm[i], y = b.norm[j];
        int top = levels().length - 1;
        if (x.equals(y)) return top;
        double jw = Strings.jaroWinkler(x, y);
        return switch (type()) {
            case ADDRESS -> jw >= 0.92 ? 2 : sharedWords((String[]) a.extra[i], (String[]) b.extra[j]) ? 1 : 0;
            case CITY -> a.alt[i] != null && !a.alt[i].isEmpty() && a.alt[i].equals(b.alt[j]) ? 2 : jw >= 0.88 ? 1 : 0;
            default -> jw >= 0.9 ? 1 : 0;
        };
    }

    /** At least half of the shorter address's words (of 2+ letters) occur in the other. */
    private static boolean sharedWords(String[] p, String[] q) {
        int shared = 0, counted = 0;
        for (String w : p.length <= q.length ? p : q) {
            if (w.length() < 2) continue;
            counted++;
            for (String v : p.length <= q.length ? q : p) {
                if (w.equals(v)) {
                    shared++;
                    break;
                }
            }
        }
        return counted > 0 && shared * 2 >= counted;
    }

    @Override
    protected void atoms(Value v, int i, Consumer<String> out) {
        if (type() == FieldType.CITY) out.accept(v.alt[i]);
        // addresses and free text are too varied to block on
    }

    @Override
    public boolean tfApplies(int level) {
        return type() != FieldType.TEXT && level == levels().length - 1;
    }
}
