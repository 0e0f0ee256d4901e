package besa.vetting.screening;

import java.util.Map;
import java.util.Objects;

/**
 * One reason to look at an officer (or, for the insider watch, at a user), as a detector found it.
 *
 * @param officerId the officer concerned (null only for an insider finding about a user with no officer record)
 * @param username  the account concerned (insider watch), else null
 * @param key       stable identity of the finding: kind plus the evidence ids, e.g.
 *                  {@code IDENTIFIER:PHONE:+355691234567:phone-17}; a later run that finds the same thing
 *                  yields the same key (so it updates, and a dismissed alert does not come back for it)
 * @param weight    0..1, how strongly this alone points at a problem (alerts combine weights by noisy-OR)
 * @param summarySq the reason in plain Albanian, naming the evidence
 * @param summaryEn the same in English
 * @param evidence  JSON-able details (entity ids, the path, the coinciding events, audit entry numbers)
 */
public record Finding(String officerId, String username, FactorKind kind, String key, double weight, String summarySq, String summaryEn,
        Map<String, Object> evidence) {

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        if (officerId == null && username == null) throw new IllegalArgumentException("a finding names an officer or a user");
        if (!(weight >= 0 && weight <= 1)) throw new IllegalArgumentException("weight must be within 0..1: " + weight);
        if (summarySq == null || summarySq.isBlank() || summaryEn == null || summaryEn.isBlank()) {
            throw new IllegalArgumentException("a finding explains itself in Albanian and English");
        }
        evidence = Map.copyOf(evidence);
    }

    /** A screening finding about an officer. */
    public static Finding officer(String officerId, FactorKind kind, String key, double weight, String sq, String en, Map<String, Object> evidence) {
        return new Finding(officerId, null, kind, key, weight, sq, en, evidence);
    }
}
