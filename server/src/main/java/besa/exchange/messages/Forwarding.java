package besa.exchange.messages;

import besa.exchange.OnwardRules;
import besa.exchange.envelope.LeadWire;
import besa.exchange.envelope.Payload;
import besa.exchange.envelope.SharedEntity;
import besa.exchange.envelope.SharedStatement;
import besa.intel.model.Handling;
import besa.intel.model.Statement;
import besa.vetting.release.LeadRelease;
import besa.vetting.release.ReleasableLead;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The originator's rules, enforced when we pass its material on (source {@code exchange:<partner>})
 * to a third partner: an H2 or H3 statement, and any statement of an entity that partner sent with
 * {@code onwardTransfer = false}, goes on only with that partner's recorded permission, for the
 * entity or for all its material. Back to the originator it may always go. The composer withholds
 * what these rules refuse; {@code Exchange.send} checks them again before sealing, whoever sends. Permissions are
 * recorded and withdrawn through the partner registry ({@code partner.PartnerAdmin}: a second liaison officer approves).
 */
public class Forwarding implements OnwardRules {
    /** Every refusal of these rules starts with this (the composer audits them by it). */
    static final String RULES = "originator's ";
    static final String REFUSAL = RULES + "handling: ";
    static final String ONWARD = RULES + "onward-transfer rule: ";
    /** Statements of this source prefix were received from the partner named after it. */
    public static final String SOURCE_PREFIX = "exchange:";

    private final JdbcClient jdbc;
    private final String ownAgency;
    private final LeadRelease leads;

    /**
     * @param ownAgency this node's agency: a lead imported here (not received from a partner) that names it as
     *                  originator is ours; every other lead is a partner's or nobody's to send on
     * @param leads     the vetting unit's release interface: who sent us a lead (by partner id) is read there
     */
    public Forwarding(JdbcClient jdbc, String ownAgency, LeadRelease leads) {
        this.jdbc = jdbc;
        this.ownAgency = ownAgency == null ? "" : ownAgency.strip();
        this.leads = leads;
    }

    /**
     * Why {@code lead} may not go to {@code recipient} as the wire lead {@code wireId}; empty when it may. Decided by
     * partner id, never by agency names (a partner's agency is free text a liaison officer edits): a lead received
     * from a partner goes back to that partner, or to another only with that partner's recorded permission (for the
     * lead or all its material); a lead imported here is ours only if its originator is our own agency, and goes as
     * the agreement allows; a lead imported here of another agency names no partner who could permit it: refused.
     */
    public Optional<String> leadRefusal(ReleasableLead lead, String wireId, String recipient) {
        String from = lead.receivedFrom();
        if (from == null) {
            if (ours(lead)) return Optional.empty();
            return Optional.of(ONWARD + "a vetting lead of " + lead.originator() + " imported here names no partner it came from;"
                    + " only our own leads and leads received from a partner leave through the exchange");
        }
        if (from.equals(recipient) || permitted(from, recipient, wireId)) return Optional.empty();
        return Optional.of(ONWARD + "a vetting lead received from " + from + " goes to " + recipient + " only with " + from
                + "'s recorded permission");
    }

    /** Whether {@code lead} is ours: imported here (not received from any partner) and of our own agency. */
    public boolean ours(ReleasableLead lead) {
        return lead.receivedFrom() == null && !ownAgency.isEmpty() && ownAgency.equalsIgnoreCase(lead.originator().strip());
    }

    /** The stored leads behind the wire leads of {@code payload}, by key (a lead no longer stored is absent). */
    private Map<ReleasableLead.Key, ReleasableLead> storedLeads(Payload payload, String recipient) {
        List<ReleasableLead.Key> keys = payload.entities().stream().filter(LeadWire::isLead).map(LeadWire::lead).map(Forwarding::key).toList();
        return keys.isEmpty() ? Map.of() : leads.current(keys, "onward rules of a lead package for " + recipient);
    }

    /** A wire lead's identity in the lead table. */
    public static ReleasableLead.Key key(LeadWire.Lead l) {
        return new ReleasableLead.Key(l.originator(), l.reference(), l.kind(), l.value());
    }

    /** Why {@code s} of {@code entity} may not go to {@code recipient}; empty when it may. */
    public Optional<String> refusal(String entity, Statement s, String recipient) {
        return refusal(entity, s.provenance().sourceId(), s.provenance().handling().level(), recipient);
    }

    /** Why a statement of {@code source} at handling {@code level} of {@code entity} may not go to {@code recipient}; empty when it may. */
    public Optional<String> refusal(String entity, String source, int level, String recipient) {
        if (!source.startsWith(SOURCE_PREFIX)) return Optional.empty(); // our own material: the agreement decides
        String originator = source.substring(SOURCE_PREFIX.length());
        if (originator.equals(recipient)) return Optional.empty(); // back to its owner
        boolean noOnward = !onwardAllowed(entity, originator);
        if (!noOnward && level < Handling.H2.level()) return Optional.empty();
        if (permitted(originator, recipient, entity)) return Optional.empty();
        return Optional.of(noOnward
                ? ONWARD + originator + " sent " + entity + " without onward transfer; it goes to " + recipient + " only with "
                        + originator + "'s recorded permission"
                : REFUSAL + Handling.values()[level] + " material of " + originator + " needs its recorded permission to go to " + recipient);
    }

    /**
     * Whether every message that carried {@code entity} from {@code originator} allowed onward transfer. An entity
     * not in the register of received entities counts as not allowed (deny by default).
     */
    public boolean onwardAllowed(String entity, String originator) {
        return jdbc.sql("select onward_transfer from exchange_received_entity where local_id = ? and partner_id = ?")
                .params(entity, originator).query(Boolean.class).optional().orElse(false);
    }

    /** Whether {@code originator} recorded its permission for {@code entity} (or all its material) to go to {@code recipient}. */
    public boolean permitted(String originator, String recipient, String entity) {
        return jdbc.sql("""
                select exists (select 1 from exchange_forward_permission
                               where originator_id = ? and recipient_id = ? and (entity_id is null or entity_id = ?))""")
                .params(originator, recipient, entity).query(Boolean.class).single();
    }

    @Override
    public Optional<String> violation(String recipient, Payload payload) {
        Map<ReleasableLead.Key, ReleasableLead> stored = storedLeads(payload, recipient);
        for (SharedEntity e : payload.entities()) {
            if (LeadWire.isLead(e)) { // a lead's handling code is the one it is stored with (LeadSelector); who sent it to us decides here
                ReleasableLead held = stored.get(key(LeadWire.lead(e)));
                Optional<String> refused = held == null ? Optional.of(ONWARD + "not a vetting lead held here") : leadRefusal(held, e.id(), recipient);
                if (refused.isPresent()) return Optional.of("entity " + e.id() + ": " + refused.get());
                continue;
            }
            for (int i = 0; i < e.statements().size(); i++) {
                SharedStatement s = e.statements().get(i);
                if (!s.source().startsWith(SOURCE_PREFIX)) continue;
                String where = "entity " + e.id() + ", statement " + (i + 1) + " (" + s.prop() + ")";
                // As it arrived: the live statement of that partner's source, with the code the partner gave it.
                Optional<Integer> arrived = jdbc.sql("""
                        select handling from statement where entity_id = ? and prop = ? and value = ? and source_id = ? and retired_at is null""")
                        .params(e.id(), s.prop(), s.value(), s.source()).query(Integer.class).optional();
                if (arrived.isEmpty()) return Optional.of(where + ": not held as received from " + s.source().substring(SOURCE_PREFIX.length()));
                if (s.handling().level() < arrived.get()) {
                    return Optional.of(where + ": would leave as " + s.handling() + ", below the " + Handling.values()[arrived.get()]
                            + " it arrived with (sharing narrows at each hop)");
                }
                Optional<String> refused = refusal(e.id(), s.source(), s.handling().level(), recipient);
                if (refused.isPresent()) return Optional.of(where + ": " + refused.get());
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean carriesNoOnwardMaterial(Payload payload) {
        // A partner's lead sent on (with its permission) leaves without onward transfer: the permission was for this recipient.
        if (LeadWire.carriesLeads(payload)) {
            Map<ReleasableLead.Key, ReleasableLead> stored = storedLeads(payload, "a lead package");
            if (payload.entities().stream().filter(LeadWire::isLead).map(e -> stored.get(key(LeadWire.lead(e)))).anyMatch(l -> l == null || !ours(l))) {
                return true;
            }
        }
        return payload.entities().stream().anyMatch(e -> e.statements().stream().map(SharedStatement::source).filter(s -> s.startsWith(SOURCE_PREFIX))
                .distinct().anyMatch(s -> !onwardAllowed(e.id(), s.substring(SOURCE_PREFIX.length()))));
    }
}
