package besa.vetting.alert;

import java.time.Instant;
import java.util.List;

/**
 * Everything the alert page shows: the alert, who it is about, every factor (active first) and the
 * decisions taken on it, oldest first.
 *
 * @param officer the officer's register entry, null when the register has none (insider alert about a user)
 */
public record AlertDetail(AlertRow alert, OfficerSummary officer, String userDisplayName, String dismissedBy, Instant dismissedAt,
        String dismissReason, List<Factor> factors, List<Decision> decisions) {

    public AlertDetail {
        factors = List.copyOf(factors);
        decisions = List.copyOf(decisions);
    }

    /** The officer as the register has him. */
    public record OfficerSummary(String id, String givenName, String fatherName, String surname, String birthDate, String unit, String rank,
            boolean active) {
        public String fullName() {
            return fatherName == null || fatherName.isBlank() ? givenName + " " + surname : givenName + " " + fatherName + " " + surname;
        }
    }

    public boolean hasFactor(String key) {
        return factors.stream().anyMatch(f -> f.key().equals(key));
    }

    /** The kind of the factor with this key, or null (for the decision history). */
    public String kindOf(String key) {
        return factors.stream().filter(f -> f.key().equals(key)).map(Factor::kind).findFirst().orElse(null);
    }
}
