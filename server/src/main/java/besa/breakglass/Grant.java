package besa.breakglass;

import java.time.Instant;

/**
 * One break-glass grant as auditors and its holder see it; {@code status} is computed at read time
 * against the clock, so an expired grant reads as expired without any job having run.
 */
public record Grant(long id, String username, Reason reason, String justification, String scope,
                    Instant grantedAt, Instant expiresAt, Instant endedAt, String endedBy, Status status,
                    Instant reviewedAt, String reviewedBy, Finding finding, String reviewNote) {

    public enum Status { ACTIVE, EXPIRED, ENDED }

    /** Auditors review every grant once it is over; until then it carries the "unreviewed" badge. */
    @com.fasterxml.jackson.annotation.JsonProperty("unreviewed")
    public boolean unreviewed() {
        return finding == null;
    }

    public boolean live() {
        return status == Status.ACTIVE;
    }
}
