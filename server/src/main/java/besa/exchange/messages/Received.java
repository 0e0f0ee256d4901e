package besa.exchange.messages;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.exchange.envelope.LeadWire;
import besa.exchange.envelope.Message;
import besa.exchange.envelope.SharedEntity;
import besa.exchange.envelope.SharedStatement;
import besa.exchange.partner.Partner;
import besa.exchange.partner.PartnerRegistry;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.InvalidValueException;
import besa.intel.model.PropertyType;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.BulkWriter;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.vetting.release.IncomingLead;
import besa.vetting.release.LeadRelease;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The receiving side: entities of received messages become statements in the intelligence store,
 * owned by the partner that sent them. Each partner has one source, {@code exchange:<partner>}, that
 * only this class writes (V130's trigger; imports are refused): its statements keep the partner as
 * originator, the message's legal basis and the handling code the partner gave, and are never
 * retired or changed locally. Entity ids are the partner's, prefixed with {@code <partner>:} (so a second message
 * about the same entity adds to the same local entity; {@code exchange_received_entity} records the mapping and
 * whether the partner allowed onward transfer), and references to entities (a relation's subject and object) are
 * mapped the same way. They are written by the store's own bulk writer, so they get search keys and edges
 * exactly as imported intelligence does, and the ordinary search, with its access rules, finds them.
 *
 * <p>An entity that came from us comes back under the id the partner gave it, {@code <this node>:<our id>}. Its
 * statements (still the partner's, still not editable) then attach to our entity instead of a new
 * {@code <partner>:<this node>:<our id>} one, but only if we delivered that entity to that partner and it still exists
 * here with the same type; otherwise the partner entity is made as for any other id, and the audit trail says why
 * (a partner must not attach its material to entities it was never given). Relation ends likewise.
 */
public class Received {
    private static final Logger log = LoggerFactory.getLogger(Received.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PartnerRegistry partners;
    private final IntelStore store;
    private final ApplicationEventPublisher events;
    private final String me;
    private final AuditLog audit;
    private final LeadRelease leads;

    public Received(JdbcClient jdbc, TransactionTemplate tx, PartnerRegistry partners, IntelStore store, ApplicationEventPublisher events,
                    String nodeId, AuditLog audit, LeadRelease leads) {
        this.me = nodeId;
        this.audit = audit;
        this.leads = leads;
        this.jdbc = jdbc;
        this.tx = tx;
        this.partners = partners;
        this.store = store;
        this.events = events;
    }

    /**
     * Stores the entities of every received message not stored yet; returns how many messages. One storer per process:
     * a page, API call or test that wants all received material in the store waits for the background run rather than
     * skipping the row it is writing (other processes sharing the database still skip locked rows).
     */
    public synchronized int storePending() {
        int stored = 0;
        java.util.Set<UUID> failed = new java.util.HashSet<>();
        while (true) {
            UUID[] next = new UUID[1];
            try {
                Boolean one = tx.execute(s -> storeOne(failed, next));
                if (!Boolean.TRUE.equals(one)) return stored;
                stored++;
            } catch (RuntimeException e) {
                // One message that cannot be stored must not hold up the others (nor the pages that call this); it stays
                // unstored in the inbox, and is tried again next time.
                if (next[0] == null) throw e;
                log.error("received message {} could not be written into the store: {}", next[0], e.getMessage());
                failed.add(next[0]);
            }
        }
    }

    /** The local id of an entity {@code partner} sent with its own id. */
    public static String localId(String partner, String id) {
        return partner + ":" + id;
    }

    private boolean storeOne(java.util.Set<UUID> skip, UUID[] current) {
        var row = jdbc.sql("""
                select message_id, partner_id, message::text from exchange_inbox where stored_at is null and message_id::text <> all(?::text[])
                order by received_at limit 1 for update skip locked""")
                .param(skip.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)}).optional();
        if (row.isEmpty()) return false;
        UUID id = (UUID) row.get()[0];
        current[0] = id;
        String partner = (String) row.get()[1];
        Message m = Messages.JSON.readValue((String) row.get()[2], Message.class);
        jdbc.sql("select set_config('besa.exchange_receive', 'on', true)").query(String.class).single();
        String source = Forwarding.SOURCE_PREFIX + partner;
        String agency = partners.find(partner).map(Partner::agency).orElse(partner);
        jdbc.sql("insert into source (id, title, originator, legal_basis) values (?, ?, ?, ?) on conflict (id) do nothing")
                .params(source, "Partner exchange: " + agency, partner, m.legalBasis().isBlank() ? "partner exchange" : m.legalBasis()).update();
        // The store's own writer: statements, search keys (from each property's type, as for an import) and edges.
        BulkWriter writer = store.partnerMaterialWriter();
        Ids ids = new Ids(partner, id);
        // Entities first, with their types, so that a relation end naming one of them maps as the entity does.
        for (SharedEntity e : m.payload().entities()) {
            if (java.util.Arrays.stream(EntityType.values()).anyMatch(t -> t.name().equals(e.type()))) ids.entity(e.id(), EntityType.valueOf(e.type()));
        }
        List<IncomingLead> incoming = new ArrayList<>();
        for (SharedEntity e : m.payload().entities()) {
            if (LeadWire.isLead(e)) { // integrity leads go to the vetting unit's lead table, never into the intelligence store
                LeadWire.Lead l = LeadWire.lead(e);
                incoming.add(new IncomingLead(l.reference(), l.legalBasis(), l.handling().level(), l.platform(), l.kind(), l.value(), l.attribution()));
                continue;
            }
            EntityType type;
            try {
                type = EntityType.valueOf(e.type());
            } catch (IllegalArgumentException unknown) { // the inbox refuses these now; a message stored before may still hold one
                log.warn("message {} from {}: entity {} of unknown type {} not stored", id, partner, e.id(), e.type());
                continue;
            }
            String local = ids.entity(e.id(), type);
            remember(partner, e.id(), local, m);
            List<Statement> statements = new ArrayList<>();
            for (SharedStatement s : e.statements()) {
                statement(ids, local, type, s, source, id, m).ifPresent(statements::add);
            }
            writer.add(new EntityRecord(local, type, statements));
        }
        if (!incoming.isEmpty()) leads.receive(partner, agency, id.toString(), m.legalBasis(), incoming); // in this transaction
        writer.finish(false);
        events.publishEvent(writer.changes()); // inside the transaction: transactional listeners hear it after the commit
        jdbc.sql("update exchange_inbox set stored_at = now() where message_id = ?").param(id).update();
        return true;
    }

    /**
     * One statement as the store keeps it: the value cleaned by its property's type (so that its search keys are the
     * ones a local search asks for), references to entities mapped to their local ids, provenance from the message.
     */
    private Optional<Statement> statement(Ids ids, String local, EntityType type, SharedStatement s, String source, UUID id, Message m) {
        String partner = ids.partner;
        Optional<PropertyType> pt = type.propertyType(s.prop());
        String value;
        try {
            if (pt.isEmpty()) throw new InvalidValueException(type + " has no property " + s.prop());
            value = pt.get() == PropertyType.ENTITY ? ids.end(pt.get().clean(s.value())) : pt.get().clean(s.value());
        } catch (InvalidValueException bad) { // refused by the inbox now; kept out of the store for a message stored before
            log.warn("message {} from {}: entity {} property {} not stored: {}", id, partner, local, s.prop(), bad.getMessage());
            return Optional.empty();
        }
        String legalBasis = m.legalBasis().isBlank() ? (s.legalBasis().isBlank() ? "partner exchange" : s.legalBasis()) : m.legalBasis();
        Provenance p = new Provenance(source, id.toString(), partner, legalBasis, null, null, grading(s.evaluation()),
                Handling.values()[s.handling().level()], null);
        return Optional.of(new Statement(local, s.prop(), value, s.value(), p));
    }

    /**
     * Local ids for the partner's ids within one message: {@code <partner>:<id>}, or our own entity when the id is
     * {@code <this node>:<our id>} of an entity we delivered to that partner (for an entity: of the same type). An id
     * that names this node but is not taken as ours is audited, once per message.
     */
    private final class Ids {
        final String partner;
        final UUID message;
        final java.util.Map<String, String> seen = new java.util.HashMap<>();

        Ids(String partner, UUID message) {
            this.partner = partner;
            this.message = message;
        }

        String entity(String remote, EntityType type) {
            return seen.computeIfAbsent(remote, r -> resolve(r, type));
        }

        /** A relation's end: its type is not known from the relation, so only that it exists here and was delivered. */
        String end(String remote) {
            return seen.computeIfAbsent(remote, r -> resolve(r, null));
        }

        private String resolve(String remote, EntityType type) {
            String fallback = localId(partner, remote);
            String prefix = me + ":";
            if (!remote.startsWith(prefix) || remote.length() == prefix.length()) return fallback;
            String ours = remote.substring(prefix.length());
            String held = jdbc.sql("select type from entity where id = ?").param(ours).query(String.class).optional().orElse(null);
            String why = held == null ? "no entity " + ours + " here"
                    : type != null && !held.equals(type.name()) ? "entity " + ours + " is a " + held + " here, not a " + type
                    : !deliveredTo(ours) ? "entity " + ours + " was never delivered to " + partner
                    : null;
            if (why == null) return ours;
            audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.COLLECTION, "exchange message " + message + " from " + partner + ": entity "
                    + remote + " stored as " + fallback, "names this node's entity but is not taken as ours: " + why, partner, AuditOutcome.SUCCESS, ""));
            return fallback;
        }

        private boolean deliveredTo(String ours) {
            return jdbc.sql("""
                    select exists (select 1 from exchange_outbox where partner_id = ? and status = 'DELIVERED'
                                   and message->'payload'->'entities' @> jsonb_build_array(jsonb_build_object('id', ?::text)))""")
                    .params(partner, ours).query(Boolean.class).single();
        }
    }

    /**
     * The partner's entity and its local one; onward transfer stays allowed only while every message about it allowed it.
     * A local entity is known to a partner under one id: when it is already mapped for this partner under another (the
     * partner sent it as R, we sent it back as {@code <partner>:R}, and it now comes as {@code <us>:<partner>:R}), that
     * mapping stays and is updated, rather than a second one that the unique (partner, local id) refuses for ever.
     */
    private void remember(String partner, String remote, String local, Message m) {
        int kept = jdbc.sql("""
                update exchange_received_entity set onward_transfer = onward_transfer and ?, last_message = ?, last_seen = now()
                where partner_id = ? and local_id = ? and remote_id <> ?""")
                .params(m.onwardTransfer(), m.id(), partner, local, remote).update();
        if (kept > 0) return;
        jdbc.sql("""
                insert into exchange_received_entity (partner_id, remote_id, local_id, onward_transfer, first_message, last_message)
                values (?, ?, ?, ?, ?, ?)
                on conflict (partner_id, remote_id) do update set onward_transfer = exchange_received_entity.onward_transfer and excluded.onward_transfer,
                    last_message = excluded.last_message, last_seen = now()""")
                .params(partner, remote, local, m.onwardTransfer(), m.id(), m.id()).update();
    }

    /** The partner's evaluation code (the inbox refuses invalid ones); X4 (nothing known) only for a message stored before that check. */
    private static Grading grading(String code) {
        try {
            return Grading.parse(code);
        } catch (RuntimeException e) {
            return new Grading('X', 4);
        }
    }

    /** Entity ids of the statements stored from one message (for the message page). */
    public List<String> entitiesOf(UUID messageId, String partner) {
        return jdbc.sql("select distinct entity_id from statement where source_id = ? and record_key = ? order by 1")
                .params(Forwarding.SOURCE_PREFIX + partner, messageId.toString()).query(String.class).list();
    }
}
