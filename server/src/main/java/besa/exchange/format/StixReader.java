package besa.exchange.format;

import besa.exchange.format.StixException.Problem;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.InvalidValueException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a STIX 2.1 bundle into Besa entities, written as FollowTheMoney lines with Besa's provenance
 * (the {@code besa} field), so that the ordinary FtM import stores them with access checks and audit.
 * Every problem is collected (object index, id, field, why) before anything is stored.
 */
final class StixReader {
    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern ID = Pattern.compile("([a-z0-9-]+)--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    static final List<String> OBSERVABLES = List.of("ipv4-addr", "ipv6-addr", "domain-name", "url", "email-addr", "file");

    /** One Besa entity from object {@code index}; {@code line} is its FtM line. */
    record Converted(int index, String stixId, String line) {}

    /** What was read: entities to store, and objects Besa does not model (with why). */
    record Result(List<Converted> entities, List<Problem> skipped) {}

    private final StixImport options;
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> skipped = new ArrayList<>();
    private final Map<String, JsonNode> byId = new HashMap<>();

    StixReader(StixImport options) {
        this.options = options;
    }

    Result read(byte[] bundle) {
        JsonNode root;
        try {
            root = JSON.readTree(bundle);
        } catch (JacksonException e) {
            throw new StixException(List.of(new Problem(-1, null, null, "not valid JSON: " + e.getOriginalMessage())));
        }
        if (!root.isObject() || !"bundle".equals(root.path("type").asString(""))) {
            throw new StixException(List.of(new Problem(-1, null, "type", "a STIX bundle must be an object with \"type\": \"bundle\"")));
        }
        if (!ID.matcher(root.path("id").asString("")).matches() || !root.path("id").asString("").startsWith("bundle--")) {
            problems.add(new Problem(-1, null, "id", "must be bundle--<UUID>, not '" + root.path("id").asString("") + "'"));
        }
        JsonNode objects = root.path("objects");
        if (!objects.isArray() || objects.isEmpty()) throw new StixException(List.of(new Problem(-1, null, "objects", "the bundle holds no objects")));
        int i = 0;
        for (JsonNode o : objects.values()) {
            String id = o.path("id").asString("");
            if (!o.isObject()) problems.add(new Problem(i, null, null, "not a JSON object"));
            else if (!o.hasNonNull("type")) problems.add(new Problem(i, id, "type", "required"));
            else if (!ID.matcher(id).matches() || !id.startsWith(o.get("type").asString() + "--")) {
                problems.add(new Problem(i, id, "id", "must be " + o.get("type").asString() + "--<UUID>, not '" + id + "'"));
            } else if (byId.put(id, o) != null) problems.add(new Problem(i, id, "id", "appears twice in the bundle"));
            i++;
        }
        List<Converted> out = new ArrayList<>();
        i = 0;
        for (JsonNode o : objects.values()) {
            int before = problems.size();
            ObjectNode line = convert(i, o);
            if (line != null && problems.size() == before) out.add(new Converted(i, o.path("id").asString(), JSON.writeValueAsString(line)));
            i++;
        }
        if (!problems.isEmpty()) throw new StixException(problems);
        return new Result(out, List.copyOf(skipped));
    }

    private ObjectNode convert(int i, JsonNode o) {
        String type = o.path("type").asString("");
        String id = o.path("id").asString("");
        if (!o.isObject() || id.isBlank()) return null;
        return switch (type) {
            case "indicator" -> {
                Entity e = new Entity(i, o, EntityType.Indicator);
                e.text("name", "name", false);
                e.text("description", "description", false);
                e.text("pattern", "pattern", true);
                e.text("pattern_type", "patternType", true);
                e.text("valid_from", "validFrom", true);
                e.text("valid_until", "validUntil", false);
                e.list("indicator_types", "indicatorType");
                e.list("labels", "label");
                sdoFields(i, o);
                yield e.line();
            }
            case "threat-actor", "intrusion-set" -> {
                Entity e = new Entity(i, o, EntityType.Organization);
                e.text("name", "name", true);
                e.list("aliases", "alias");
                e.text("description", "notes", false);
                e.add("activity", type, "type");
                sdoFields(i, o);
                yield e.line();
            }
            case "ipv4-addr", "ipv6-addr", "domain-name", "url", "email-addr" -> {
                Entity e = new Entity(i, o, EntityType.Observable);
                e.add("kind", type, "type");
                e.text("value", "value", true);
                yield e.line();
            }
            case "file" -> {
                Entity e = new Entity(i, o, EntityType.Observable);
                e.add("kind", type, "type");
                e.text("name", "name", false);
                JsonNode hashes = o.path("hashes");
                for (String[] h : new String[][] {{"MD5", "md5"}, {"SHA-1", "sha1"}, {"SHA-256", "sha256"}}) {
                    if (hashes.hasNonNull(h[0])) e.add(h[1], hashes.get(h[0]).asString(""), "hashes." + h[0]);
                }
                if (!o.hasNonNull("name") && !hashes.hasNonNull("MD5") && !hashes.hasNonNull("SHA-1") && !hashes.hasNonNull("SHA-256")) {
                    problems.add(new Problem(i, id, "hashes", "a file needs a name or an MD5, SHA-1 or SHA-256 hash"));
                }
                yield e.line();
            }
            case "relationship" -> relationship(i, o);
            case "identity", "marking-definition" -> null; // provenance: read where referenced
            default -> {
                skipped.add(new Problem(i, id, "type", "Besa does not model STIX '" + type + "' objects; left out"));
                yield null;
            }
        };
    }

    private ObjectNode relationship(int i, JsonNode o) {
        String id = o.path("id").asString();
        sdoFields(i, o);
        Entity e = new Entity(i, o, EntityType.Association);
        e.text("relationship_type", "role", true);
        for (String[] end : new String[][] {{"source_ref", EntityType.SUBJECT}, {"target_ref", EntityType.OBJECT}}) {
            String ref = o.path(end[0]).asString("");
            JsonNode target = byId.get(ref);
            if (ref.isBlank()) problems.add(new Problem(i, id, end[0], "required"));
            else if (target == null) problems.add(new Problem(i, id, end[0], "'" + ref + "' is not in the bundle"));
            else if (!modelled(target.path("type").asString(""))) {
                skipped.add(new Problem(i, id, end[0], "refers to '" + ref + "', which Besa does not model; left out"));
                return null;
            } else e.add(end[1], entityId(target), end[0]);
        }
        return e.line();
    }

    private static boolean modelled(String type) {
        return type.equals("indicator") || type.equals("threat-actor") || type.equals("intrusion-set") || OBSERVABLES.contains(type);
    }

    /** The Besa id of an object: {@code x_besa_id} when Besa wrote it, else the STIX id itself. */
    static String entityId(JsonNode o) {
        String besa = o.path("x_besa_id").asString("");
        return besa.isBlank() ? o.path("id").asString() : besa;
    }

    /** SDOs and SROs must carry spec_version 2.1 and their timestamps. */
    private void sdoFields(int i, JsonNode o) {
        String id = o.path("id").asString();
        if (!"2.1".equals(o.path("spec_version").asString(""))) problems.add(new Problem(i, id, "spec_version", "must be \"2.1\""));
        for (String f : List.of("created", "modified")) {
            if (!o.hasNonNull(f)) problems.add(new Problem(i, id, f, "required"));
            else if (!StixTime.valid(o.get(f).asString(""))) problems.add(new Problem(i, id, f, "not a STIX timestamp (e.g. 2026-03-01T10:00:00.000Z)"));
        }
    }

    /** Builds one entity's FtM line: its statements share the object's provenance. */
    private final class Entity {
        final int index;
        final JsonNode o;
        final EntityType type;
        final String id;
        final List<String[]> values = new ArrayList<>(); // prop, clean, original
        String originator;
        Handling handling;
        Grading grading;
        String legalBasis;

        Entity(int index, JsonNode o, EntityType type) {
            this.index = index;
            this.o = o;
            this.type = type;
            this.id = o.path("id").asString();
            provenance();
        }

        void text(String field, String prop, boolean required) {
            JsonNode v = o.path(field);
            if (v.isMissingNode() || v.isNull()) {
                if (required) problems.add(new Problem(index, id, field, "required"));
                return;
            }
            if (!v.isString()) {
                problems.add(new Problem(index, id, field, "must be a string"));
                return;
            }
            if (prop.equals("validFrom") || prop.equals("validUntil")) {
                if (!StixTime.valid(v.asString())) {
                    problems.add(new Problem(index, id, field, "not a STIX timestamp (e.g. 2026-03-01T10:00:00.000Z)"));
                    return;
                }
            }
            add(prop, v.asString(), field);
        }

        void list(String field, String prop) {
            JsonNode v = o.path(field);
            if (v.isMissingNode() || v.isNull()) return;
            if (!v.isArray()) {
                problems.add(new Problem(index, id, field, "must be a list of strings"));
                return;
            }
            int k = 0;
            for (JsonNode x : v.values()) add(prop, x.asString(""), field + "[" + k++ + "]");
        }

        void add(String prop, String raw, String field) {
            if (raw == null || raw.isBlank()) {
                problems.add(new Problem(index, id, field, "blank"));
                return;
            }
            try {
                String clean = type.propertyType(prop).orElseThrow().clean(raw);
                values.add(new String[] {prop, clean, raw.strip()});
            } catch (InvalidValueException e) {
                problems.add(new Problem(index, id, field, "'" + raw + "': " + e.getMessage()));
            }
        }

        /** created_by_ref → originator; markings → handling code; confidence → evaluation. */
        private void provenance() {
            String by = o.path("created_by_ref").asString("");
            if (!by.isBlank()) {
                JsonNode identity = byId.get(by);
                if (identity == null || !"identity".equals(identity.path("type").asString())) {
                    problems.add(new Problem(index, id, "created_by_ref", "'" + by + "' is no identity in the bundle"));
                } else originator = identity.path("name").asString(by);
            } else if (!o.path("x_besa_originator").asString("").isBlank()) originator = o.get("x_besa_originator").asString(); // SCOs have no created_by_ref
            else if (options.originator() != null && !options.originator().isBlank()) originator = options.originator();
            else problems.add(new Problem(index, id, "created_by_ref", "missing, and the import names no default originator"));
            handling = null;
            int k = 0;
            for (JsonNode ref : o.path("object_marking_refs").values()) {
                Handling h = marking(ref.asString(""), "object_marking_refs[" + k++ + "]");
                if (h != null && (handling == null || h.level() > handling.level())) handling = h; // the most restrictive wins
            }
            if (handling == null) handling = options.handling();
            legalBasis = o.path("x_besa_legal_basis").asString(options.legalBasis());
            String eval = o.path("x_besa_evaluation").asString("");
            try {
                grading = !eval.isBlank() ? Grading.parse(eval) : new Grading(options.reliability(), Confidence.toInfo(o.path("confidence")));
            } catch (InvalidValueException e) {
                problems.add(new Problem(index, id, eval.isBlank() ? "confidence" : "x_besa_evaluation", e.getMessage()));
            }
        }

        private Handling marking(String ref, String field) {
            var tlp = Tlp.levelOfId(ref);
            if (tlp.isPresent()) return Tlp.handling(tlp.get()).orElseThrow();
            JsonNode def = byId.get(ref);
            if (def == null || !"marking-definition".equals(def.path("type").asString())) {
                problems.add(new Problem(index, id, field, "'" + ref + "' is neither a standard TLP marking nor a marking definition in the bundle"));
                return null;
            }
            String name = def.path("name").asString("");
            String tlp1 = def.path("definition").path("tlp").asString("");
            String tlp2 = def.path("extensions").path(Tlp.TLP2_EXTENSION).path("tlp_2_0").asString("");
            for (String level : List.of(tlp2, tlp1, name)) {
                if (!level.isBlank() && Tlp.handling(level).isPresent()) return Tlp.handling(level).get();
            }
            if ("statement".equals(def.path("definition_type").asString("")) || def.has("definition")) {
                return Handling.H3; // a statement of terms: H3 = other restrictions the originator states
            }
            problems.add(new Problem(index, id, field, "marking '" + ref + "' is neither TLP nor a statement"));
            return null;
        }

        ObjectNode line() {
            if (values.isEmpty() || originator == null || grading == null) return null;
            String eid = entityId(o);
            ObjectNode n = JSON.createObjectNode();
            n.put("id", eid);
            n.put("schema", "besa:" + type.name());
            n.putObject("properties");
            ObjectNode besa = n.putObject("besa");
            besa.put("type", type.name());
            ObjectNode src = besa.putObject("sources").putObject(options.source());
            src.put("title", options.title());
            src.put("originator", originator);
            src.put("legalBasis", legalBasis);
            ArrayNode sts = besa.putArray("statements");
            Map<String, Boolean> seen = new LinkedHashMap<>();
            for (String[] v : values) {
                if (seen.put(v[0] + "\u0000" + v[1], true) != null) continue;
                ObjectNode s = sts.addObject();
                s.put("prop", v[0]);
                s.put("value", v[1]);
                s.put("original", v[2]);
                s.put("source", options.source());
                s.put("record", o.path("x_besa_record").asString(id));
                s.put("originator", originator);
                s.put("legalBasis", legalBasis);
                s.put("evaluation", grading.code());
                s.put("handling", handling.name());
            }
            return n;
        }
    }
}
