package besa.intel.model;

import java.time.LocalDate;
import java.util.Objects;

/** Where a statement comes from and how it may be used. */
public record Provenance(
        String sourceId,
        String recordKey,
        String originator,
        String legalBasis,
        LocalDate firstSeen,
        LocalDate lastSeen,
        Grading grading,
        Handling handling,
        LocalDate reviewDue) {
    public Provenance {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(originator, "originator");
        Objects.requireNonNull(legalBasis, "legalBasis");
        Objects.requireNonNull(grading, "grading");
        Objects.requireNonNull(handling, "handling");
    }

    public Provenance withRecordKey(String key) {
        return new Provenance(sourceId, key, originator, legalBasis, firstSeen, lastSeen, grading, handling, reviewDue);
    }
}
