package besa.vetting.personnel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One officer of the personnel register, with what screening compares: names, date of birth,
 * identifiers, duty postings and self-declarations.
 *
 * @param birthDate ISO date, possibly partial (1985, 1985-03); null when unknown
 */
public record Officer(String id, String givenName, String fatherName, String surname, String birthDate, String unit, String rank,
        boolean active, List<Identifier> identifiers, List<Duty> duties, List<Declaration> declarations) {

    public Officer {
        identifiers = List.copyOf(identifiers);
        duties = List.copyOf(duties);
        declarations = List.copyOf(declarations);
    }

    public enum IdentifierKind { PHONE, IMEI, VEHICLE, ADDRESS }

    public enum Origin { ISSUED, DECLARED, HR }

    /** @param value clean: E.164 phone, 15-digit IMEI, plate upper case without spaces, address as written */
    public record Identifier(IdentifierKind kind, String value, String original, Origin origin) {}

    /** Where and when he was on duty (a posting or a roster shift); coordinates when the place has them. */
    public record Duty(Instant startsAt, Instant endsAt, String unit, String place, Double latitude, Double longitude) {}

    /** @param cryptophoneUse his answer to "have you used Sky ECC / EncroChat or similar?", null if not asked */
    public record Declaration(LocalDate declaredOn, String question, String answer, Boolean cryptophoneUse) {}

    public String fullName() {
        return fatherName == null || fatherName.isBlank() ? givenName + " " + surname : givenName + " " + fatherName + " " + surname;
    }

    public List<Identifier> identifiers(IdentifierKind kind) {
        return identifiers.stream().filter(i -> i.kind() == kind).toList();
    }
}
