package besa.access;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Why a user searches for persons or opens a person's record: a case or operation reference, or a
 * reason code from a fixed list plus free text. Written as {@code CASE 2026/0142},
 * {@code OPERATION OP-17} or {@code REASON INTEL_ANALYSIS: free text}; {@link #toString()} gives that form back.
 *
 * @param kind      CASE, OPERATION or REASON
 * @param reference the case or operation reference; for REASON the reason code's name
 * @param text      free text (REASON only; empty otherwise)
 */
public record Justification(Kind kind, String reference, String text) {
    /** The API header that carries it. */
    public static final String HEADER = "X-Besa-Justification";
    /** Kept in step with {@link ReasonCode} (a test checks). */
    public static final String FORMAT = "'CASE <reference>', 'OPERATION <reference>' or 'REASON <code>: <free text>' with code one of "
            + "INTEL_ANALYSIS, INVESTIGATION_SUPPORT, THREAT_TO_LIFE, PARTNER_REQUEST, VETTING_INQUIRY, DATA_QUALITY";
    public static final int MAX_TEXT = 500;
    private static final Pattern REFERENCE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}/._-]{0,39}");

    public enum Kind { CASE, OPERATION, REASON }

    /** The fixed list of reasons; their labels are in the access message bundle as {@code purpose.reason.<CODE>}. */
    public enum ReasonCode {
        INTEL_ANALYSIS,
        INVESTIGATION_SUPPORT,
        THREAT_TO_LIFE,
        PARTNER_REQUEST,
        VETTING_INQUIRY,
        DATA_QUALITY
    }

    public Justification {
        if (kind == null) throw new IllegalArgumentException("a justification needs a kind");
        reference = reference == null ? "" : reference.strip();
        text = text == null ? "" : text.strip();
        if (kind == Kind.REASON) {
            ReasonCode.valueOf(reference);
            if (text.length() < 5) throw new IllegalArgumentException("say in a few words (5 characters or more) why");
            if (text.length() > MAX_TEXT) throw new IllegalArgumentException("the free text is longer than " + MAX_TEXT + " characters");
            if (text.chars().anyMatch(Character::isISOControl)) throw new IllegalArgumentException("the free text holds control characters");
        } else if (!REFERENCE.matcher(reference).matches()) {
            throw new IllegalArgumentException("'" + reference + "' is not a case or operation reference (letters, digits, / . _ -; at most 40)");
        }
    }

    /**
     * Reads the written form; throws {@link IllegalArgumentException} saying what is wrong. The
     * keyword and reason code are case-insensitive.
     */
    public static Justification parse(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) throw new IllegalArgumentException("the justification is empty; expected " + FORMAT);
        int space = s.indexOf(' ');
        String word = (space < 0 ? s : s.substring(0, space)).toUpperCase(Locale.ROOT);
        String rest = space < 0 ? "" : s.substring(space + 1).strip();
        Kind kind;
        try {
            kind = Kind.valueOf(word);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + word + "' is not CASE, OPERATION or REASON; expected " + FORMAT);
        }
        if (kind != Kind.REASON) return new Justification(kind, rest, "");
        int colon = rest.indexOf(':');
        String code = (colon < 0 ? rest : rest.substring(0, colon)).strip().toUpperCase(Locale.ROOT);
        try {
            ReasonCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + code + "' is not a reason code; expected " + FORMAT);
        }
        if (colon < 0) throw new IllegalArgumentException("a reason needs free text after a colon: REASON " + code + ": <why>");
        return new Justification(kind, code, rest.substring(colon + 1));
    }

    @Override
    public String toString() {
        return kind == Kind.REASON ? "REASON " + reference + ": " + text : kind + " " + reference;
    }
}
