package besa.access;

/**
 * A security event of this module, published synchronously for the audit trail. A listener that
 * cannot record it throws, and the operation that caused it fails (fail closed).
 *
 * @param actor         who did it: a username, or "system" for lockouts and session ends
 * @param type          what happened
 * @param target        the account or token it concerns
 * @param detail        why, or what changed (old and new roles, suspension reason)
 * @param clientAddress the client's address, empty when unknown
 */
public record AccessEvent(String actor, Type type, String target, String detail, String clientAddress) {
    public static final String SYSTEM = "system";

    public enum Type {
        /** Account changes: created, disabled, suspended, enabled, locked, unlocked; address throttled. */
        ACCOUNT_CHANGE,
        /** Roles of an account changed; detail holds old and new roles. */
        ROLE_CHANGE,
        /** An API token was issued or revoked. */
        CREDENTIAL_CHANGE,
        /** A session was ended by the server (account disabled or suspended, idle or absolute timeout). */
        SESSION_ENDED,
        /** An API token or a login attempt was refused before any password was checked. */
        LOGIN_REFUSED
    }

    public AccessEvent {
        clientAddress = clientAddress == null ? "" : clientAddress;
        detail = detail == null ? "" : detail;
    }
}
