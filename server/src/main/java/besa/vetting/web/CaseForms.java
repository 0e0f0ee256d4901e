package besa.vetting.web;

import besa.vetting.casefile.CaseRefused;
import java.util.Arrays;
import java.util.Locale;

/** Parsing of the case forms' and bodies' choices, refusing an unknown value by its field and the choices. */
final class CaseForms {
    private CaseForms() {}

    /** The enum constant named {@code value} (any case), null when blank, else a refusal naming the field. */
    static <E extends Enum<E>> E choice(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CaseRefused(CaseRefused.Kind.INVALID, field, "badChoice", field, value,
                    String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
        }
    }
}
