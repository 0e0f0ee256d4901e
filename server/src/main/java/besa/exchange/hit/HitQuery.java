package besa.exchange.hit;

import besa.intel.model.PropertyType;
import java.util.Map;

/**
 * "Do you hold this?": one identifier, cleaned the way the store cleans it (E.164 phone, 15-digit
 * IMEI core, account handle, or a person as full name and birth date), so both nodes compare the
 * same text.
 */
public record HitQuery(Kind kind, String value, String birthDate) {
    public enum Kind { PERSON, PHONE, IMEI, ACCOUNT }

    public HitQuery {
        if (kind == null || value == null || value.isBlank()) throw new IllegalArgumentException("a hit query needs a kind and a value");
        if (kind == Kind.PERSON && (birthDate == null || birthDate.isBlank())) {
            throw new IllegalArgumentException("a person hit query needs a name and a birth date");
        }
        birthDate = kind == Kind.PERSON ? birthDate : "";
    }

    /** Cleans raw input; bad input fails with the store's own message (InvalidValueException). */
    public static HitQuery of(Kind kind, String raw, String rawBirthDate) {
        return switch (kind) {
            case PHONE -> new HitQuery(kind, PropertyType.PHONE.clean(raw), "");
            case IMEI -> new HitQuery(kind, PropertyType.IMEI.clean(raw), "");
            case ACCOUNT -> new HitQuery(kind, PropertyType.IDENTIFIER.clean(raw), "");
            case PERSON -> new HitQuery(kind, PropertyType.NAME.clean(raw), PropertyType.DATE.clean(rawBirthDate));
        };
    }

    Map<String, Object> toMap() {
        return Map.of("kind", kind.name(), "value", value, "birthDate", birthDate);
    }

    static HitQuery fromMap(Map<?, ?> m) {
        // Cleaned again on receipt: the partner's text is input like any other.
        return of(Kind.valueOf(String.valueOf(m.get("kind"))), String.valueOf(m.get("value")), String.valueOf(m.get("birthDate")));
    }
}
