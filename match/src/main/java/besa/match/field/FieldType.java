package besa.match.field;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The typed fields the engine knows; each owns its normalisation, blocking atoms and comparison levels. */
public enum FieldType {
    FULL_NAME, GIVEN_NAME, SURNAME, FATHER_NAME, DATE, PHONE, IMEI, EMAIL, ADDRESS, CITY, POSTCODE, ID_NUMBER, TEXT;

    /** The name used on the command line: "full-name", "id-number". */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean isName() {
        return this == FULL_NAME || this == GIVEN_NAME || this == SURNAME || this == FATHER_NAME;
    }

    /** Parses "full-name" (or FULL_NAME); the message of the exception lists the known types. */
    public static FieldType parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (FieldType f : values()) if (f.name().equals(t)) return f;
        throw new IllegalArgumentException("unknown field type '" + text + "'; known types: "
                + Arrays.stream(values()).map(FieldType::cliName).collect(Collectors.joining(", ")));
    }

    /** A fresh comparator for this type. */
    public Field field() {
        return switch (this) {
            case FULL_NAME, GIVEN_NAME, SURNAME, FATHER_NAME -> new NameField(this);
            case DATE -> new DateField();
            case PHONE, IMEI, EMAIL, ID_NUMBER, POSTCODE -> new IdField(this);
            case ADDRESS, CITY, TEXT -> new TextField(this);
        };
    }
}
