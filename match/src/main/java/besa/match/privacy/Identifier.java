package besa.match.privacy;

import besa.match.normalize.Imeis;
import besa.match.normalize.Phones;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * An exact identifier in the canonical form both partners compute the same way: a phone in E.164, an
 * IMEI's 14-digit core, a document number as upper-case letters and digits (with its issuing country,
 * since numbers repeat across countries). The kind is part of what is hashed, so a phone never meets
 * a document number with the same digits.
 */
public record Identifier(Kind kind, String value) {
    public enum Kind { PHONE, IMEI, DOCUMENT }

    public Identifier {
        if (kind == null || value == null || value.isEmpty()) throw new IllegalArgumentException("an identifier needs a kind and a value");
    }

    /** A phone in any national or international rendering (Albanian by default); empty if it is none. */
    public static Optional<Identifier> phone(String raw) {
        return Phones.toE164(raw).map(v -> new Identifier(Kind.PHONE, v));
    }

    /** An IMEI with or without check digit, spaces or dashes; empty if it is none. */
    public static Optional<Identifier> imei(String raw) {
        return Imeis.core(raw).map(v -> new Identifier(Kind.IMEI, v));
    }

    /** A passport or identity-card number issued by a country (ISO 3166 alpha-2, e.g. "AL"); empty if blank. */
    public static Optional<Identifier> document(String country, String raw) {
        if (country == null || !country.strip().matches("[A-Za-z]{2}")) throw new IllegalArgumentException("issuing country must be an ISO 3166 alpha-2 code, is '" + country + "'");
        if (raw == null) return Optional.empty();
        StringBuilder b = new StringBuilder();
        raw.codePoints().filter(Character::isLetterOrDigit).forEach(c -> b.appendCodePoint(Character.toUpperCase(c)));
        return b.isEmpty() ? Optional.empty() : Optional.of(new Identifier(Kind.DOCUMENT, country.strip().toUpperCase(Locale.ROOT) + ":" + b));
    }

    /** What is hashed to the curve: kind, a zero byte, the canonical value in UTF-8. */
    byte[] bytes() {
        return (kind.name().toLowerCase(Locale.ROOT) + "\0" + value).getBytes(StandardCharsets.UTF_8);
    }
}
