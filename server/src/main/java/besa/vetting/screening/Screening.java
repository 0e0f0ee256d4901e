package besa.vetting.screening;

import java.time.Duration;
import java.util.Set;

/**
 * Screens officers of the personnel register against all intelligence the vetting unit may see, with
 * every {@link Detector}, and merges what they find into alerts. Runs as the application itself (not as
 * the user who asked); callers that act for a user check his rights and audit the request first.
 */
public interface Screening {

    /** What one run did. */
    record RunReport(String kind, int officers, long entities, int findings, int alertsCreated, int alertsUpdated, int alertsReopened,
            Duration took) {}

    /** Every active officer against all intelligence; factors not found again go inactive. */
    RunReport runFull();

    /** Every active officer against only these (new or changed) intelligence entities; only adds and updates. */
    RunReport screenEntities(Set<String> entityIds);

    /** These officers (new or changed in the register) against all intelligence. */
    RunReport screenOfficers(Set<String> officerIds);
}
