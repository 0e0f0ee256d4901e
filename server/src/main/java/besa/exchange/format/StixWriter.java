package besa.exchange.format;

import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes Besa entities (FtM lines with Besa's provenance, as the FtM export gives them) as a STIX 2.1
 * bundle: indicators, observables, threat actors and intrusion sets (organisations whose
 * {@code activity} says so) and the associations between them. Other types are not cyber intelligence
 * and are left out. Provenance per object: originator → an identity and {@code created_by_ref} (SCOs:
 * {@code x_besa_originator}), handling → a TLP 2.0 marking (the most restrictive of the object's
 * statements), evaluation → {@code confidence} and {@code x_besa_evaluation}, legal basis →
 * {@code x_besa_legal_basis}.
 */
final class StixWriter {
    private static final Pattern STIX_ID = Pattern.compile("[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** One Besa entity: id, type and its statements (prop, value, original, record, originator, legalBasis, evaluation, handling). */
    record Entity(String id, EntityType type, List<JsonNode> statements) {
        List<String> originals(String prop) {
            return statements.stream().filter(s -> s.path("prop").asString("").equals(prop)).map(s -> s.path("original").asString(s.path("value").asString())).toList();
        }

        String first(String prop) {
            var v = originals(prop);
            return v.isEmpty() ? null : v.getFirst();
        }
    }

    private final Instant now;
    private final Map<String, ObjectNode> identities = new TreeMap<>();
    private final TreeSet<Handling> markings = new TreeSet<>();

    StixWriter(Instant now) {
        this.now = now;
    }

    /** Reads one FtM line of the export into an entity. */
    static Entity entity(String line) {
        JsonNode n = StixReader.JSON.readTree(line);
        JsonNode besa = n.path("besa");
        List<JsonNode> sts = new ArrayList<>();
        besa.path("statements").values().forEach(sts::add);
        return new Entity(n.path("id").asString(), EntityType.parse(besa.path("type").asString()), sts);
    }

    /** The STIX type an entity is written as, or null when it is not cyber intelligence. */
    static String stixType(Entity e) {
        return switch (e.type()) {
            case Indicator -> "indicator";
            case Observable -> StixReader.OBSERVABLES.contains(e.first("kind")) ? e.first("kind") : null;
            case Organization -> {
                String a = e.first("activity");
                yield "threat-actor".equals(a) || "intrusion-set".equals(a) ? a : null;
            }
            case Association -> "relationship";
            default -> null;
        };
    }

    /** The bundle; relationships are kept only when both their ends are in it. */
    byte[] write(Collection<Entity> entities) {
        Map<String, String> stixIds = new LinkedHashMap<>();
        for (Entity e : entities) {
            String t = stixType(e);
            if (t != null && !t.equals("relationship")) stixIds.put(e.id(), stixId(t, e.id()));
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (Entity e : entities) {
            String t = stixType(e);
            if (t == null) continue;
            if (t.equals("relationship")) {
                String from = stixIds.get(e.first(EntityType.SUBJECT)), to = stixIds.get(e.first(EntityType.OBJECT));
                if (from == null || to == null) continue;
                ObjectNode o = common(e, t);
                o.put("relationship_type", e.first("role") == null ? "related-to" : e.first("role"));
                o.put("source_ref", from);
                o.put("target_ref", to);
                objects.add(o);
                continue;
            }
            ObjectNode o = common(e, t);
            switch (e.type()) {
                case Indicator -> {
                    putFirst(o, "name", e, "name");
                    putFirst(o, "description", e, "description");
                    putList(o, "indicator_types", e, "indicatorType");
                    putFirst(o, "pattern", e, "pattern");
                    putFirst(o, "pattern_type", e, "patternType");
                    putFirst(o, "valid_from", e, "validFrom");
                    putFirst(o, "valid_until", e, "validUntil");
                    putList(o, "labels", e, "label");
                }
                case Organization -> {
                    putFirst(o, "name", e, "name");
                    putFirst(o, "description", e, "notes");
                    putList(o, "aliases", e, "alias");
                }
                default -> { // observables
                    if (t.equals("file")) {
                        putFirst(o, "name", e, "name");
                        ObjectNode h = StixReader.JSON.createObjectNode();
                        for (String[] p : new String[][] {{"md5", "MD5"}, {"sha1", "SHA-1"}, {"sha256", "SHA-256"}}) {
                            if (e.first(p[0]) != null) h.put(p[1], e.first(p[0]));
                        }
                        if (!h.isEmpty()) o.set("hashes", h);
                    } else putFirst(o, "value", e, "value");
                }
            }
            objects.add(o);
        }
        ObjectNode bundle = StixReader.JSON.createObjectNode();
        bundle.put("type", "bundle");
        bundle.put("id", "bundle--" + UUID.randomUUID());
        ArrayNode all = bundle.putArray("objects");
        for (Handling h : markings) all.add(tlpDefinition(h));
        identities.values().forEach(all::add);
        objects.forEach(all::add);
        return StixReader.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(bundle).getBytes(StandardCharsets.UTF_8);
    }

    /** Type, id and provenance; the Besa id and record key travel when STIX's id cannot carry them. */
    private ObjectNode common(Entity e, String type) {
        boolean sco = StixReader.OBSERVABLES.contains(type);
        ObjectNode o = StixReader.JSON.createObjectNode();
        o.put("type", type);
        o.put("spec_version", "2.1");
        String id = stixId(type, e.id());
        o.put("id", id);
        if (!id.equals(e.id())) o.put("x_besa_id", e.id());
        JsonNode first = e.statements().getFirst();
        String record = first.path("record").asString("");
        if (!record.isBlank() && !record.equals(id)) o.put("x_besa_record", record);
        String originator = first.path("originator").asString("");
        Handling handling = Handling.H0;
        for (JsonNode s : e.statements()) {
            Handling h = Handling.parse(s.path("handling").asString());
            if (h.level() > handling.level()) handling = h;
        }
        Grading grading = Grading.parse(first.path("evaluation").asString());
        if (sco) {
            o.put("x_besa_originator", originator);
        } else {
            o.put("created", StixTime.format(now));
            o.put("modified", StixTime.format(now));
            o.put("created_by_ref", identity(originator));
            Integer confidence = Confidence.fromInfo(grading.info());
            if (confidence != null) o.put("confidence", confidence);
        }
        o.put("x_besa_evaluation", grading.code());
        o.put("x_besa_legal_basis", first.path("legalBasis").asString(""));
        markings.add(handling);
        o.putArray("object_marking_refs").add(Tlp.markingId(handling));
        return o;
    }

    /** An entity's STIX id: its own id when it is one of that type, else one derived from it (stable across exports). */
    static String stixId(String type, String entityId) {
        if (STIX_ID.matcher(entityId).matches() && entityId.startsWith(type + "--")) return entityId;
        return type + "--" + UUID.nameUUIDFromBytes(("besa:" + entityId).getBytes(StandardCharsets.UTF_8));
    }

    private String identity(String originator) {
        String id = "identity--" + UUID.nameUUIDFromBytes(("besa-originator:" + originator).getBytes(StandardCharsets.UTF_8));
        identities.computeIfAbsent(id, k -> {
            ObjectNode o = StixReader.JSON.createObjectNode();
            o.put("type", "identity");
            o.put("spec_version", "2.1");
            o.put("id", id);
            o.put("created", StixTime.format(now));
            o.put("modified", StixTime.format(now));
            o.put("name", originator);
            o.put("identity_class", "organization");
            return o;
        });
        return id;
    }

    private static ObjectNode tlpDefinition(Handling h) {
        ObjectNode o = StixReader.JSON.createObjectNode();
        o.put("type", "marking-definition");
        o.put("spec_version", "2.1");
        o.put("id", Tlp.markingId(h));
        o.put("created", "2022-10-01T00:00:00.000Z");
        o.put("name", "TLP:" + Tlp.level(h).toUpperCase(java.util.Locale.ROOT));
        ObjectNode ext = o.putObject("extensions").putObject(Tlp.TLP2_EXTENSION);
        ext.put("extension_type", "property-extension");
        ext.put("tlp_2_0", Tlp.level(h));
        return o;
    }

    private static void putFirst(ObjectNode o, String field, Entity e, String prop) {
        String v = e.first(prop);
        if (v != null) o.put(field, v);
    }

    private static void putList(ObjectNode o, String field, Entity e, String prop) {
        List<String> v = e.originals(prop);
        if (!v.isEmpty()) v.forEach(o.putArray(field)::add);
    }
}
