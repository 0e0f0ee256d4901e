package besa.exchange.envelope;

import besa.intel.model.EntityType;
import besa.intel.model.InvalidValueException;
import besa.intel.model.PropertyType;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a message's entities must be to be sent or received: known entity types and properties,
 * values their property type accepts, usable entity ids, and an evaluation code on every statement
 * (source reliability A, B, C or X, then information 1 to 4, e.g. B2). Checked by the sender before
 * sealing and by the receiver before storing, so material is never stored under a made-up grade.
 * A message that carries vetting leads carries only leads (no other entity, no attachment).
 * Refusals name the entity and the statement (its position and property), never the value.
 */
public final class Contents {
    /** An evaluation code as it travels: exactly reliability then information, e.g. "B2". */
    public static final Pattern EVALUATION = Pattern.compile("[ABCX][1-4]");
    /** Longest entity id accepted from a partner (the local id adds the partner's id in front). */
    public static final int MAX_ID = 200;

    private Contents() {}

    /** The first thing in {@code payload} that cannot travel, described; empty when everything can. */
    public static Optional<String> problem(Payload payload) {
        // Leads travel alone: anything beside them would be read (and its files downloaded) by liaison officers under the
        // handling codes of what they see, with the leads (the vetting unit's) left out (ADR 0006).
        if (LeadWire.carriesLeads(payload) && (!payload.attachments().isEmpty() || !payload.entities().stream().allMatch(LeadWire::isLead))) {
            return Optional.of("a message carrying vetting leads carries nothing else: no other entity, no attachment");
        }
        for (SharedEntity e : payload.entities()) {
            if (e.id().length() > MAX_ID || e.id().chars().anyMatch(Character::isISOControl)) {
                return Optional.of("entity id '" + printable(e.id()) + "': at most " + MAX_ID + " characters, no control characters");
            }
            if (LeadWire.isLead(e)) { // a vetting lead has its own fields (LeadWire), not an entity type's properties
                Optional<String> lead = LeadWire.problem(e);
                if (lead.isPresent()) return lead;
                continue;
            }
            EntityType type;
            try {
                type = EntityType.valueOf(e.type());
            } catch (IllegalArgumentException unknown) {
                return Optional.of("entity " + e.id() + ": unknown type '" + printable(e.type()) + "'");
            }
            for (int i = 0; i < e.statements().size(); i++) {
                SharedStatement s = e.statements().get(i);
                String where = "entity " + e.id() + ", statement " + (i + 1) + " (" + printable(s.prop()) + ")";
                if (!EVALUATION.matcher(s.evaluation()).matches()) {
                    return Optional.of(where + ": evaluation code '" + printable(s.evaluation())
                            + "' is not valid: source reliability A, B, C or X, then information 1 to 4 (e.g. B2)");
                }
                Optional<PropertyType> pt = type.propertyType(s.prop());
                if (pt.isEmpty()) return Optional.of(where + ": " + type + " has no such property");
                try {
                    pt.get().clean(s.value());
                } catch (InvalidValueException bad) {
                    return Optional.of(where + ": the value is not a valid " + pt.get().name().toLowerCase() + ": " + bad.getMessage());
                }
                if (pt.get() == PropertyType.ENTITY && (s.value().length() > MAX_ID || s.value().chars().anyMatch(Character::isISOControl))) {
                    return Optional.of(where + ": an entity reference of at most " + MAX_ID + " characters, no control characters");
                }
            }
        }
        return Optional.empty();
    }

    /** Text from a partner, safe to put into a refusal or the audit trail: no control characters, not too long. */
    static String printable(String s) {
        String v = s == null ? "" : s.replaceAll("\\p{Cntrl}", "?");
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }
}
