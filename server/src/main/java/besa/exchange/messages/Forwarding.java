package besa.exchange.messages;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.intel.model.Handling;
import besa.intel.model.Statement;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The originator's handling, enforced when we pass its material on: an H2 or H3 statement a partner
 * sent us (source {@code exchange:<partner>}) goes to a third partner only with that partner's
 * recorded permission, for the entity or for all its material.
 */
public class Forwarding {
    static final String REFUSAL = "originator's handling: ";
    /** Statements of this source prefix were received from the partner named after it. */
    public static final String SOURCE_PREFIX = "exchange:";

    /** A recorded permission of {@code originator} to pass its material ({@code entity}, or all when null) to {@code recipient}. */
    public record Permission(long id, String originator, String recipient, String entity, String reference, String recordedBy) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public Forwarding(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Why {@code s} of {@code entity} may not go to {@code recipient}; empty when it may. */
    public Optional<String> refusal(String entity, Statement s, String recipient) {
        String source = s.provenance().sourceId();
        if (!source.startsWith(SOURCE_PREFIX) || s.provenance().handling().level() < Handling.H2.level()) return Optional.empty();
        String originator = source.substring(SOURCE_PREFIX.length());
        if (originator.equals(recipient)) return Optional.empty(); // back to its owner
        boolean allowed = jdbc.sql("""
                select exists (select 1 from exchange_forward_permission
                               where originator_id = ? and recipient_id = ? and (entity_id is null or entity_id = ?))""")
                .params(originator, recipient, entity).query(Boolean.class).single();
        return allowed ? Optional.empty()
                : Optional.of(REFUSAL + s.provenance().handling() + " material of " + originator + " needs its recorded permission to go to " + recipient);
    }

    /** Records a permission the originator gave (its reference, e.g. their message or letter number). */
    public Permission record(String actor, String originator, String recipient, String entity, String reference, String clientAddress) {
        if (reference == null || reference.isBlank()) {
            throw new MessageRefused(HttpStatus.BAD_REQUEST, "reference", "a permission needs the originator's reference");
        }
        if (originator == null || recipient == null || originator.equals(recipient)) {
            throw new MessageRefused(HttpStatus.BAD_REQUEST, "recipient", "originator and recipient must be two different partners");
        }
        String e = entity == null || entity.isBlank() ? null : entity.strip();
        long id;
        try {
            id = jdbc.sql("""
                    insert into exchange_forward_permission (originator_id, recipient_id, entity_id, reference, recorded_by)
                    values (?, ?, ?, ?, ?) returning id""").params(originator, recipient, e, reference.strip(), actor).query(Long.class).single();
        } catch (org.springframework.dao.DataIntegrityViolationException ex) {
            throw new MessageRefused(HttpStatus.BAD_REQUEST, "originator", "unknown partner: " + originator + " or " + recipient);
        }
        audit.record(new AuditEvent(actor, AuditAction.ALTERATION, "exchange forwarding permission " + id + " of " + originator
                + (e == null ? "" : " for " + e), reference.strip(), recipient, AuditOutcome.SUCCESS, clientAddress));
        return new Permission(id, originator, recipient, e, reference.strip(), actor);
    }

    public List<Permission> all() {
        return jdbc.sql("select id, originator_id, recipient_id, entity_id, reference, recorded_by from exchange_forward_permission order by id")
                .query((rs, n) -> new Permission(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .list();
    }
}
