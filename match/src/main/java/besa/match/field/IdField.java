package besa.match.field;

import besa.match.normalize.Imeis;
import besa.match.normalize.Phones;
import java.util.Locale;

/**
 * Identifiers: phone (E.164), IMEI (first 14 digits), e-mail, id-number, postcode. Agreement on
 * an identifier is strong evidence; near misses (a mistyped digit) are their own level.
 */
final class IdField extends Field {
    private static final String[] PHONE = {"different", "same subscriber number", "exact"};
    private static final String[] NEAR = {"different", "one character differs", "exact"};
    private static final String[] EMAIL = {"different", "similar", "exact"};

    IdField(FieldType type) {
        super(type);
    }

    @Override
    public String[] levels() {
        return switch (type()) {
            case PHONE -> PHONE;
            case EMAIL -> EMAIL;
            default -> NEAR;
        };
    }

    @Override
    public boolean identifier() {
        return type() != FieldType.POSTCODE;
    }

    @Override
    protected Object[] prepareOne(String raw) {
        String norm = switch (type()) {
            case PHONE -> Phones.toE164(raw).orElseGet(() -> digitsOrNull(raw, 6));
            case IMEI -> Imeis.core(raw).orElse(null);
            case EMAIL -> raw.contains("@") ? raw.strip().toLowerCase(Locale.ROOT) : null;
            default -> alnum(raw);
        };
        return norm == null || norm.isEmpty() ? null : new Object[] {norm, null, null};
    }

    private static String digitsOrNull(String raw, int min) {
        String d = raw.replaceAll("[^0-9]", "");
        return d.length() >= min ? d : null;
    }

    private static String alnum(String raw) {
        StringBuilder b = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (Character.isLetterOrDigit(c)) b.append(Character.toUpperCase(c));
        }
        return b.toString();
    }

    @Override
    protected int compareOne(Value a, int i, Value b, int j) {
        String x = a.norm[i], y = b.norm[j];
        if (x.equals(y)) return 2;
        return switch (type()) {
            case PHONE -> x.length() >= 8 && y.length() >= 8 && x.regionMatches(x.length() - 8, y, y.length() - 8, 8) ? 1 : 0;
            case EMAIL -> Strings.jaroWinkler(x, y) >= 0.9 ? 1 : 0;
            default -> Strings.withinOneEdit(x, y) ? 1 : 0;
        };
    }

    @Override
    public boolean tfApplies(int level) {
        return type() == FieldType.POSTCODE && level == 2;
    }
}
