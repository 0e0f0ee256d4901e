package besa.vetting.scenario;

import java.time.Instant;
import java.util.List;

/**
 * An officer as another generator (the demo) hands him to the register: what HR would deliver.
 *
 * @param phones         E.164; the first is the phone the force issued him, the others he declared
 * @param imeis          15-digit IMEIs of his issued handsets
 * @param cryptophoneUse his answer to the cryptophone question of his self-declaration
 */
public record ScenarioOfficer(String id, String givenName, String fatherName, String surname, String birthDate, String unit, String rank,
        List<String> phones, List<String> imeis, String address, List<Shift> duties, boolean cryptophoneUse) {

    public ScenarioOfficer {
        phones = List.copyOf(phones);
        imeis = List.copyOf(imeis);
        duties = List.copyOf(duties);
    }

    /** One duty shift: where (with coordinates) and when. */
    public record Shift(Instant startsAt, Instant endsAt, String place, double latitude, double longitude) {}
}
