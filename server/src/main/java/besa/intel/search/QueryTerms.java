package besa.intel.search;

import besa.intel.model.InvalidValueException;
import besa.intel.model.PropertyType;
import besa.match.normalize.Imeis;
import besa.match.normalize.Names;
import besa.match.normalize.Phones;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the search text may be. The text becomes slots (one per thing the user typed: a name token,
 * a phone, a plate...), each with alternative search keys; a slot counts once, through its best key.
 * One token can be several things: "0691234567" is tried as a phone and as an identifier.
 */
final class QueryTerms {
    static final String PHONE = "phone", IMEI = "imei", IBAN = "iban", EMAIL = "email", ID = "id", ADDRESS = "address";

    /** Exact spelling ranks above the same name in another script or spelling; addresses weigh less than names. */
    static final double EXACT = 1.0, SOUND = 0.9, ADDRESS_FACTOR = 0.7, FUZZY = 0.6;

    private static final Pattern NUMBERISH = Pattern.compile("[0-9+()\\s./-]+");
    private static final Pattern IBAN_SHAPE = Pattern.compile("[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}");

    /**
     * One search key to try: its kind and key, how much it counts, the query token it stands for, and
     * for a typo alternative how similar the indexed spelling is to the token (1 otherwise).
     */
    record Alt(String kind, String key, double factor, String token, double similarity) {
        Alt(String kind, String key, double factor, String token) {
            this(kind, key, factor, token, 1.0);
        }

        boolean fuzzy() {
            return similarity < 1.0;
        }
    }

    /** One thing the user typed, with every key it may be. {@code nameLike} slots may get typo alternatives. */
    record Slot(String token, boolean nameLike, List<Alt> alts) {}

    private QueryTerms() {}

    static List<Slot> parse(String text) {
        List<Slot> slots = new ArrayList<>();
        Slot whole = valueSlot(text);
        if (whole != null && (whole.alts().size() > 1 || !text.contains(" ") || looksLikeCode(text))) {
            slots.add(whole);
            return slots;
        }
        for (String token : segments(text)) {
            Slot s = hasDigitOrAt(token) ? valueSlot(token) : nameSlot(token);
            if (s != null && !s.alts().isEmpty()) slots.add(s);
        }
        return slots;
    }

    /** Digits, "@" or an IBAN shape: phone, IMEI, IBAN, e-mail and identifier readings of the whole string. */
    private static Slot valueSlot(String raw) {
        if (!hasDigitOrAt(raw)) return null;
        List<Alt> alts = new ArrayList<>();
        if (NUMBERISH.matcher(raw).matches()) {
            Phones.toE164(raw).ifPresent(p -> alts.add(new Alt(PHONE, p, EXACT, raw)));
            Imeis.core(raw).ifPresent(c -> alts.add(new Alt(IMEI, c, EXACT, raw)));
        }
        String compact = compact(raw);
        if (IBAN_SHAPE.matcher(compact).matches()) alts.add(new Alt(IBAN, compact, EXACT, raw));
        if (raw.contains("@")) alts.add(new Alt(EMAIL, raw.strip().toLowerCase(Locale.ROOT), EXACT, raw));
        if (!compact.isEmpty()) alts.add(new Alt(ID, compact, EXACT, raw));
        return new Slot(raw, false, alts);
    }

    /** A word: a name token (sound key and spelling), an address word, or a handle. */
    private static Slot nameSlot(String token) {
        Map<String, Alt> alts = new LinkedHashMap<>();
        for (String part : PropertyType.nameTokens(token)) {
            String fold = Names.fold(part).replace(" ", "");
            if (fold.isEmpty()) continue;
            alts.putIfAbsent(PropertyType.NAME_FOLD + fold, new Alt(PropertyType.NAME_FOLD, fold, EXACT, part));
            for (String k : Names.searchKeys(part)) alts.putIfAbsent(PropertyType.NAME_KEY + k, new Alt(PropertyType.NAME_KEY, k, SOUND, part));
            if (fold.length() > 2) alts.putIfAbsent(ADDRESS + fold, new Alt(ADDRESS, fold, ADDRESS_FACTOR, part));
        }
        String compact = compact(token);
        if (!compact.isEmpty()) alts.putIfAbsent(ID + compact, new Alt(ID, compact, EXACT, token));
        return new Slot(token, true, List.copyOf(alts.values()));
    }

    /** Words, with runs of number groups kept together: "Hoxha 069 123 4567" is a name and one phone. */
    private static List<String> segments(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder numbers = new StringBuilder();
        for (String token : text.split("\\s+")) {
            if (token.isEmpty()) continue;
            if (NUMBERISH.matcher(token).matches()) {
                numbers.append(numbers.isEmpty() ? "" : " ").append(token);
                continue;
            }
            if (!numbers.isEmpty()) {
                out.add(numbers.toString());
                numbers.setLength(0);
            }
            out.add(token);
        }
        if (!numbers.isEmpty()) out.add(numbers.toString());
        return out;
    }

    /** "AA 123 BB", "BA 1234567": every part short or containing a digit, so it is one code, not words. */
    private static boolean looksLikeCode(String text) {
        for (String t : text.split("\\s+")) {
            if (t.length() > 3 && !hasDigitOrAt(t)) return false;
        }
        return true;
    }

    private static boolean hasDigitOrAt(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isDigit(c) || c == '@') return true;
        }
        return false;
    }

    /** The identifier form, as {@link PropertyType#IDENTIFIER} cleans it (upper case, no spaces, dashes, dots or slashes). */
    static String compact(String raw) {
        try {
            return PropertyType.IDENTIFIER.clean(raw);
        } catch (InvalidValueException e) {
            return "";
        }
    }
}
