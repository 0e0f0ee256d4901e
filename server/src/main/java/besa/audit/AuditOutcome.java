package besa.audit;

/** How the audited action ended. */
public enum AuditOutcome {
    SUCCESS,
    DENIED,
    FAILED
}
