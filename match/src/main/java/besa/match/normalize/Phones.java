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
        String s = raw.strip();
        if (s.isEmpty() || s.chars().noneMatch(Character::isDigit)) return Optional.empty();
        Optional<String> parsed = parse(s, defaultRegion);
        if (parsed.isEmpty() && s.startsWith("00")) {
            // "0069 ..." : an international prefix typed before a national number.
            parsed = parse(s.substring(2), defaultRegion);
        }
        return parsed;
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
