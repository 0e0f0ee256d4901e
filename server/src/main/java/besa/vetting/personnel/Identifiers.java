package besa.vetting.personnel;

import besa.match.normalize.Imeis;
import besa.match.normalize.Phones;
import besa.intel.model.InvalidValueException;
import besa.intel.model.PropertyType;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cleans identifiers the way screening compares them: phones to E.164 (Albania by default, +383
 * Kosovo understood), IMEIs to 15 digits with their check digit, plates as intelligence cleans them (upper case, no
 * spaces, dashes, dots or slashes), addresses with single spaces. Each method throws {@link IllegalArgumentException} saying why.
 */
public final class Identifiers {
    private static final Pattern NON_DIGITS = Pattern.compile("[^0-9]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Identifiers() {}

    public static String phone(String raw) {
        return Phones.toE164(raw).orElseThrow(() -> new IllegalArgumentException("not a phone number"));
    }

    /** 14 digits get their check digit; 15 digits must carry the right one (a typo would match nobody). */
    public static String imei(String raw) {
        String core = Imeis.core(raw).orElseThrow(() -> new IllegalArgumentException("not an IMEI: expected 15 digits (or 14 without the check digit)"));
        String full = Imeis.withCheckDigit(core);
        String digits = NON_DIGITS.matcher(raw).replaceAll("");
        if (digits.length() == 15 && !digits.equals(full)) {
            throw new IllegalArgumentException("the IMEI's check digit is wrong (expected " + full.charAt(14) + ")");
        }
        return full;
    }

    /** As intelligence cleans a Vehicle's plate (an identifier), so the two compare: "AA 123-BB" and "aa.123.bb" are AA123BB. */
    public static String plate(String raw) {
        String p;
        try {
            p = PropertyType.IDENTIFIER.clean(raw);
        } catch (InvalidValueException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (!p.chars().allMatch(Character::isLetterOrDigit)) throw new IllegalArgumentException("not a plate: letters and digits expected");
        return p;
    }

    public static String address(String raw) {
        String a = SPACES.matcher(raw.strip()).replaceAll(" ");
        if (a.isEmpty()) throw new IllegalArgumentException("the address is empty");
        return a;
    }

    /** po/yes/true/1 → true, jo/no/false/0 → false, blank → null. */
    public static Boolean yesNo(String raw) {
        if (raw == null || raw.isBlank()) return null;
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "po", "yes", "true", "1", "y" -> true;
            case "jo", "no", "false", "0", "n" -> false;
            default -> throw new IllegalArgumentException("expected po/jo, yes/no or true/false");
        };
    }
}
