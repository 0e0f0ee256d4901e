package besa.vetting.alert;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One alert as the queue shows it: who it is about (an officer from the register, or a user for the
 * insider watch), its score and its top active factors.
 *
 * @param officerName the officer's full name from the register, null when the register has none
 * @param userName    the account concerned (insider watch), else null
 */
public record AlertRow(long id, String origin, String officerId, String officerName, String unit, String userName, String status,
        double score, String assignee, Instant createdAt, Instant updatedAt, List<Factor> topFactors) {

    public AlertRow {
        topFactors = List.copyOf(topFactors);
    }

    /** The score as a whole percentage. */
    @JsonProperty("percent")
    public int percent() {
        // 99.6 % is not certainty: only a score of 1 shows as 100 %.
        return score >= 1 ? 100 : (int) Math.min(99, Math.round(score * 100));
    }

    /** high from 70 %, medium from 40 %, low below. */
    @JsonProperty("band")
    public String band() {
        return band(score);
    }

    public static String band(double score) {
        return score >= 0.7 ? "high" : score >= 0.4 ? "medium" : "low";
    }

    @JsonProperty("open")
    public boolean open() {
        return status.equals("NEW") || status.equals("ASSIGNED");
    }

    AlertRow withFactors(List<Factor> factors) {
        return new AlertRow(id, origin, officerId, officerName, unit, userName, status, score, assignee, createdAt, updatedAt, factors);
    }
}
