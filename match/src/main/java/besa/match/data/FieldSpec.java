package besa.match.data;

import besa.match.field.FieldType;

/** A column and the type it holds, as in "--field surname=surname". */
public record FieldSpec(String column, FieldType type) {
    /** Parses "COL=TYPE"; the exception message says what is wrong. */
    public static FieldSpec parse(String text) {
        int eq = text.lastIndexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException("field mapping '" + text + "' must be COLUMN=TYPE, e.g. surname=surname");
        }
        return new FieldSpec(text.substring(0, eq).strip(), FieldType.parse(text.substring(eq + 1)));
    }
}
