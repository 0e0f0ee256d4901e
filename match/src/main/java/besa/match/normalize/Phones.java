package besa.match.normalize;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/** Phone numbers as E.164, with Albania as the default region (+383 Kosovo numbers parse as such). */
public final class Phones {
    public static final String DEFAULT_REGION = "AL";
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private Phones() {}

    /** E.164 form ("+355691234567") of any national or international rendering, or empty if it is no phone number. */
    public static Optional<String> toE164(String raw) {
        return toE164(raw, DEFAULT_REGION);
    }

    public static Optional<String> toE164(String raw, String defaultRegion) {
        if (raw == null) return Optional.empty();
        if (DEFAULT_REGION.equals(defaultRegion)) {
            String fast = albanianMobile(raw);
            if (fast != null) return Optional.of(fast);
        }
        String s = raw.strip();
        if (s.isEmpty() || s.chars().noneMatch(Character::isDigit)) return Optional.empty();
        Optional<String> parsed = parse(s, defaultRegion);
        if (parsed.isEmpty() && s.startsWith("00")) {
            // "0069 ..." : an international prefix typed before a national number.
            parsed = parse(s.substring(2), defaultRegion);
        }
        return parsed;
    }

    /**
     * Fast path for the commonest input, an Albanian mobile (6x + 7 digits) in any usual form:
     * +355 69…, 00355 69…, 069…, 69…. libphonenumber gives the same result but takes far longer,
     * which shows when a million records are prepared. Null when the text is anything else.
     */
    static String albanianMobile(String raw) {
        char[] d = new char[16];
        int n = 0;
        boolean plus = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                if (n == d.length) return null;
                d[n++] = c;
            } else if (c == '+' && n == 0 && !plus) {
                plus = true;
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/') {
                return null;
            }
        }
        String s = new String(d, 0, n);
        String nsn;
        if (plus) nsn = s.startsWith("355") ? s.substring(3) : null;
        else if (s.startsWith("00355")) nsn = s.substring(5);
        else if (s.startsWith("0") && !s.startsWith("00")) nsn = s.substring(1);
        else nsn = s;
        if (nsn == null || nsn.length() != 9 || nsn.charAt(0) != '6' || nsn.charAt(1) < '6') return null;
        return "+355" + nsn;
    }

    private static Optional<String> parse(String s, String region) {
        try {
            PhoneNumber n = UTIL.parse(s, region);
            if (!UTIL.isPossibleNumber(n)) return Optional.empty();
            return Optional.of(UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
