package besa.exchange.messages;

import besa.exchange.envelope.Message;
import besa.exchange.envelope.SharedEntity;
import besa.exchange.envelope.SharedStatement;
import besa.exchange.partner.Partner;
import besa.exchange.partner.PartnerRegistry;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The receiving side: entities of received messages become statements in the intelligence store,
 * owned by the partner that sent them. Each partner has one source, {@code exchange:<partner>}, that
 * only this class writes (V130's trigger; imports are refused): its statements keep the partner as
 * originator, the message's legal basis and the handling code the partner gave, and are never
 * retired or changed locally. Entity ids are the partner's, prefixed with {@code <partner>:}.
 */
public class Received {
    private static final Logger log = LoggerFactory.getLogger(Received.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PartnerRegistry partners;

    public Received(JdbcClient jdbc, TransactionTemplate tx, PartnerRegistry partners) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.partners = partners;
    }

    /** Stores the entities of every received message not stored yet; returns how many messages. */
    public int storePending() {
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
        for (SharedEntity e : m.payload().entities()) {
            EntityType type;
            try {
                type = EntityType.valueOf(e.type());
            } catch (IllegalArgumentException unknown) {
                log.warn("message {} from {}: entity {} of unknown type {} not stored", id, partner, e.id(), e.type());
                continue;
            }
            String local = localId(partner, e.id());
            jdbc.sql("insert into entity (id, type, caption) values (?, ?, ?) on conflict (id) do nothing")
                    .params(local, type.name(), e.caption()).update();
            for (SharedStatement s : e.statements()) {
                Grading g = grading(s.evaluation());
                jdbc.sql("""
                        insert into statement (entity_id, prop, value, original, source_id, record_key, originator, legal_basis,
                                               source_grade, info_grade, handling)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (entity_id, prop, value, source_id) do nothing""")
                        .params(local, s.prop(), s.value(), s.value(), source, id.toString(), partner,
                                m.legalBasis().isBlank() ? (s.legalBasis().isBlank() ? "partner exchange" : s.legalBasis()) : m.legalBasis(),
                                String.valueOf(g.source()), g.info(), s.handling().level())
                        .update();
            }
        }
        jdbc.sql("update exchange_inbox set stored_at = now() where message_id = ?").param(id).update();
        return true;
    }

    /** The partner's evaluation code; an unreadable or missing one is X4 (reliability and information unknown). */
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
