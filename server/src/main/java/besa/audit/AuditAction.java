package besa.audit;

/** What an audit event records: processing of personal or intelligence data, or a security event. */
public enum AuditAction {
    CONSULTATION,
    COLLECTION,
    ALTERATION,
    DISCLOSURE,
    COMBINATION,
    ERASURE,
    LOGIN_SUCCESS,
    LOGIN_FAILURE,
    LOGOUT,
    GRANT,
    BREAK_GLASS,
    ROLE_CHANGE,
    EXPORT,
    /** An account locked, disabled, suspended or re-enabled, or a source address throttled. */
    ACCOUNT_CHANGE,
    /** A second factor enrolled, removed or used as recovery; an API token issued or revoked. */
    CREDENTIAL_CHANGE,
    /** A grant withdrawn: case or operation membership, break-glass ended early. */
    REVOKE,
    /** A security alert for auditors and the vetting unit, e.g. a subject reaching for his own vetting data. */
    SECURITY_ALERT,
    /** A break-glass grant reviewed after the fact. */
    BREAK_GLASS_REVIEW,
    /** A person's decision in vetting: an alert triaged, assigned, agreed or dismissed; a case's finding or outcome. */
    DECISION
}
