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
    EXPORT
}
