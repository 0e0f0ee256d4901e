package besa.audit;

/**
 * One audit event, as a caller describes it; the time is taken by {@link AuditLog#record}.
 *
 * @param actor         username, or {@link #SYSTEM} for the application itself
 * @param action        what was done
 * @param target        what it was done to: an entity id or the query text
 * @param justification why (case or operation reference, reason); empty when none was given
 * @param recipient     to whom data was disclosed; empty when nobody
 * @param outcome       success, denied or failed
 * @param clientAddress the client's network address; empty for the system
 */
public record AuditEvent(String actor, AuditAction action, String target, String justification,
                         String recipient, AuditOutcome outcome, String clientAddress) {
    public static final String SYSTEM = "system";

    public AuditEvent {
        if (actor == null || actor.isBlank()) throw new IllegalArgumentException("an audit event needs an actor (username or 'system')");
        if (action == null) throw new IllegalArgumentException("an audit event needs an action");
        if (outcome == null) throw new IllegalArgumentException("an audit event needs an outcome");
        target = target == null ? "" : target;
        justification = justification == null ? "" : justification;
        recipient = recipient == null ? "" : recipient;
        clientAddress = clientAddress == null ? "" : clientAddress;
    }

    /** An event without justification or recipient. */
    public static AuditEvent of(String actor, AuditAction action, String target, AuditOutcome outcome, String clientAddress) {
        return new AuditEvent(actor, action, target, "", "", outcome, clientAddress);
    }
}
