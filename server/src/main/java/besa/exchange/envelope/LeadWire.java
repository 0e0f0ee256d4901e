package besa.exchange.envelope;

import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * How one vetting lead travels inside the ordinary envelope (docs/exchange.md "Vetting leads"): a
 * {@link SharedEntity} of type {@value #TYPE} and category VETTING_LEAD whose statements are the lead's
 * fields — {@code reference}, {@code kind}, {@code value}, {@code platform} (optional), {@code attribution} —
 * each carrying the lead's originator, legal basis and handling code, source {@value #SOURCE} and no evaluation
 * code (leads have none). Its id is a hash of (originator, reference, kind, value): stable across packages, and
 * it names no entity of our intelligence. Nothing else about a lead travels.
 */
public final class LeadWire {
    public static final String TYPE = "VettingLead";
    public static final String SOURCE = "vetting-lead";
    /** The lead kinds Besa models (besa.vetting's Lead.Kind, repeated here: the envelope may not depend on vetting). */
    static final Set<String> KINDS = Set.of("PHONE", "IMEI", "ACCOUNT", "PIN", "NAME", "VEHICLE", "ADDRESS");
    private static final Set<String> PROPS = Set.of("reference", "kind", "value", "platform", "attribution");
    private static final Set<String> REQUIRED = Set.of("reference", "kind", "value", "attribution");
    static final int MAX_VALUE = 1000;

    /** One lead's fields as they travel. */
    public record Lead(String reference, String originator, String legalBasis, HandlingCode handling, String platform, String kind, String value,
                       String attribution) {}

    private LeadWire() {}

    public static boolean isLead(SharedEntity e) {
        return e.category() == Category.VETTING_LEAD;
    }

    /** Whether {@code payload} carries a lead: such a package is released by the vetting unit only (ADR 0006). */
    public static boolean carriesLeads(Payload payload) {
        return payload.entities().stream().anyMatch(LeadWire::isLead);
    }

    public static SharedEntity entity(Lead l) {
        List<SharedStatement> st = new ArrayList<>();
        st.add(statement("reference", l.reference(), l));
        st.add(statement("kind", l.kind(), l));
        st.add(statement("value", l.value(), l));
        if (l.platform() != null && !l.platform().isBlank()) st.add(statement("platform", l.platform(), l));
        st.add(statement("attribution", l.attribution(), l));
        String caption = (l.platform() == null ? "" : l.platform() + " ") + l.kind();
        return new SharedEntity(id(l.originator(), l.reference(), l.kind(), l.value()), TYPE, Category.VETTING_LEAD, caption, st);
    }

    /** The lead a checked entity carries ({@link #problem} empty). */
    public static Lead lead(SharedEntity e) {
        Map<String, String> v = new TreeMap<>();
        e.statements().forEach(s -> v.put(s.prop(), s.value()));
        SharedStatement first = e.statements().getFirst();
        return new Lead(v.get("reference"), first.originator(), first.legalBasis(), first.handling(), v.get("platform"), v.get("kind"), v.get("value"),
                v.get("attribution"));
    }

    static String id(String originator, String reference, String kind, String value) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(String.join("\u0000", originator, reference, kind, value).getBytes(StandardCharsets.UTF_8));
            return "lead-" + HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why a VETTING_LEAD entity cannot travel (refusals name the entity and the property, never the value); empty when it can. */
    static Optional<String> problem(SharedEntity e) {
        if (!TYPE.equals(e.type())) return Optional.of("entity " + e.id() + ": a VETTING_LEAD travels as type " + TYPE);
        if (e.statements().isEmpty()) return Optional.of("entity " + e.id() + ": a lead without fields");
        SharedStatement first = e.statements().getFirst();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < e.statements().size(); i++) {
            SharedStatement s = e.statements().get(i);
            String where = "entity " + e.id() + ", statement " + (i + 1) + " (" + Contents.printable(s.prop()) + ")";
            if (!PROPS.contains(s.prop())) return Optional.of(where + ": a lead has no such field (" + PROPS + ")");
            if (!seen.add(s.prop())) return Optional.of(where + ": the field is given twice");
            if (s.value().isBlank() || s.value().length() > MAX_VALUE || s.value().chars().anyMatch(Character::isISOControl)) {
                return Optional.of(where + ": a value of 1 to " + MAX_VALUE + " characters, no control characters");
            }
            if (!s.originator().equals(first.originator()) || !s.legalBasis().equals(first.legalBasis()) || s.handling() != first.handling()) {
                return Optional.of(where + ": every field of a lead has the same originator, legal basis and handling code");
            }
            if (!s.evaluation().isEmpty() && !Contents.EVALUATION.matcher(s.evaluation()).matches()) {
                return Optional.of(where + ": evaluation code '" + Contents.printable(s.evaluation()) + "' is not valid");
            }
            if (s.prop().equals("kind") && !KINDS.contains(s.value())) return Optional.of(where + ": not a lead kind " + KINDS);
        }
        for (String r : REQUIRED) if (!seen.contains(r)) return Optional.of("entity " + e.id() + ": the lead has no " + r);
        return Optional.empty();
    }

    private static SharedStatement statement(String prop, String value, Lead l) {
        return new SharedStatement(prop, value, l.originator(), SOURCE, l.legalBasis(), "", l.handling());
    }
}
