package besa.exchange.hit;

import besa.access.Justification;
import besa.access.Justifications;
import besa.exchange.envelope.Priority;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Base64;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/** What the pages and the API read from an officer, checked the same way for both; bad input names its field. */
final class HitInput {
    private HitInput() {}

    static HitQuery query(String kind, String value, String birthDate) {
        HitQuery.Kind k = parse(HitQuery.Kind.class, kind, "kind", "PHONE, IMEI, ACCOUNT or PERSON");
        if (value == null || value.isBlank()) throw new HitRefused(HttpStatus.BAD_REQUEST, "value", "the value to ask about is required");
        if (k == HitQuery.Kind.PERSON && (birthDate == null || birthDate.isBlank())) {
            throw new HitRefused(HttpStatus.BAD_REQUEST, "birthDate", "a person is asked by full name and birth date");
        }
        try {
            return HitQuery.of(k, value, birthDate);
        } catch (IllegalArgumentException e) {
            String field = k == HitQuery.Kind.PERSON && e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("date") ? "birthDate" : "value";
            throw new HitRefused(HttpStatus.BAD_REQUEST, field, e.getMessage());
        }
    }

    /** The justification typed (or sent in the body), else the X-Besa-Justification header or the session's purpose; required. */
    static Justification justification(String typed, HttpServletRequest request) {
        if (typed != null && !typed.isBlank()) {
            try {
                return Justification.parse(typed);
            } catch (IllegalArgumentException e) {
                throw new HitRefused(HttpStatus.BAD_REQUEST, "justification", e.getMessage());
            }
        }
        return Justifications.of(request).orElseThrow(() -> new HitRefused(HttpStatus.BAD_REQUEST, "justification",
                "a hit query needs a justification (field 'justification' or header " + Justification.HEADER + "): " + Justification.FORMAT));
    }

    static Priority priority(String raw) {
        return raw == null || raw.isBlank() ? Priority.HIGH : parse(Priority.class, raw, "priority", "URGENT, HIGH or ROUTINE");
    }

    static CrossMatch.Method method(String raw) {
        return parse(CrossMatch.Method.class, raw, "method", "PSI or CLK");
    }

    /** A CLK secret given as base64 (standard or URL-safe) or hex; at least 32 bytes. */
    static byte[] secret(String raw) {
        String s = raw == null ? "" : raw.strip();
        byte[] b;
        try {
            b = s.matches("(?i)[0-9a-f]+") && s.length() % 2 == 0 ? java.util.HexFormat.of().parseHex(s)
                    : Base64.getDecoder().decode(s.replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new HitRefused(HttpStatus.BAD_REQUEST, "secret", "the secret must be base64 or hex");
        }
        if (b.length < 32) throw new HitRefused(HttpStatus.BAD_REQUEST, "secret", "the secret has " + b.length + " bytes; at least 32 are needed");
        return b;
    }

    static <E extends Enum<E>> E parse(Class<E> type, String raw, String field, String expected) {
        try {
            return Enum.valueOf(type, raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new HitRefused(HttpStatus.BAD_REQUEST, field, "'" + (raw == null ? "" : raw) + "' is not one of " + expected);
        }
    }
}
