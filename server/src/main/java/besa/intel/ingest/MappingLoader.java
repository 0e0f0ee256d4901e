package besa.intel.ingest;

import besa.intel.ingest.Mapping.Origin;
import besa.intel.ingest.Mapping.Part;
import besa.intel.ingest.Mapping.Value;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.InvalidValueException;
import besa.intel.model.PropertyType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/** Reads a YAML mapping file and checks it against the schema, reporting every problem at once. */
public final class MappingLoader {
    private MappingLoader() {}

    /** Only null and true/false are implicit; everything else stays text, so NO (Norway) and 2024-01-01 survive. */
    private static final class PlainResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
            addImplicitResolver(Tag.BOOL, Pattern.compile("^(?:true|false)$"), "tf");
        }
    }

    public static Mapping load(String yaml) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(), options,
                    new PlainResolver()).load(yaml);
        } catch (YAMLException e) {
            throw new MappingException(List.of("not valid YAML: " + e.getMessage().lines().findFirst().orElse("")));
        }
        if (!(root instanceof Map<?, ?> m)) throw new MappingException(List.of("the mapping must be a YAML map with source, recordId and entities"));
        List<String> problems = new ArrayList<>();
        Origin origin = origin(m.get("source"), problems);
        String recordId = text(m.get("recordId"));
        if (recordId == null) problems.add("recordId: name the column that holds each row's record id");
        String separator = m.containsKey("separator") ? String.valueOf(m.get("separator")) : ";";
        if (separator.isEmpty()) problems.add("separator: must not be empty");
        List<Part> entities = parts(m.get("entities"), false, problems);
        List<Part> relations = parts(m.get("relations"), true, problems);
        if (entities.isEmpty()) problems.add("entities: list at least one entity to build from each row");
        Set<String> names = new HashSet<>();
        for (Part p : entities) {
            if (!names.add(p.name())) problems.add("entities: the name '" + p.name() + "' is used twice");
        }
        for (Part r : relations) {
            if (!names.add(r.name())) problems.add("relations: the name '" + r.name() + "' is used twice");
            for (String end : new String[] {r.subject(), r.object()}) {
                if (end != null && entities.stream().noneMatch(e -> e.name().equals(end))) {
                    problems.add("relations." + r.name() + ": '" + end + "' is not the name of an entity in this mapping");
                }
            }
        }
        for (Object k : m.keySet()) {
            if (!Set.of("source", "recordId", "separator", "entities", "relations").contains(String.valueOf(k))) {
                problems.add("unknown key '" + k + "' (expected source, recordId, separator, entities, relations)");
            }
        }
        if (!problems.isEmpty()) throw new MappingException(problems);
        return new Mapping(origin, recordId, separator, entities, relations);
    }

    private static Origin origin(Object o, List<String> problems) {
        if (!(o instanceof Map<?, ?> s)) {
            problems.add("source: give id, title, originator, legalBasis, evaluation and handling");
            return null;
        }
        String id = required(s, "id", problems), title = required(s, "title", problems);
        String originator = required(s, "originator", problems), legalBasis = required(s, "legalBasis", problems);
        if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            problems.add("source.id: '" + id + "' must be letters, digits, '.', '_' or '-' (at most 100)");
        }
        Value evaluation = provenanceValue(s, "evaluation", true, problems);
        Value handling = provenanceValue(s, "handling", true, problems);
        if (evaluation != null && evaluation.constant() != null) check(() -> Grading.parse(evaluation.constant()), "source.evaluation", problems);
        if (handling != null && handling.constant() != null) check(() -> Handling.parse(handling.constant()), "source.handling", problems);
        Value first = provenanceValue(s, "firstSeen", false, problems), last = provenanceValue(s, "lastSeen", false, problems);
        Value review = provenanceValue(s, "reviewDue", false, problems);
        for (var e : Map.of("firstSeen", first == null ? Value.constant(null) : first, "lastSeen", last == null ? Value.constant(null) : last,
                "reviewDue", review == null ? Value.constant(null) : review).entrySet()) {
            if (e.getValue().constant() != null) check(() -> CsvRows.date(e.getValue().constant()), "source." + e.getKey(), problems);
        }
        for (Object k : s.keySet()) {
            if (!Set.of("id", "title", "originator", "legalBasis", "evaluation", "handling", "firstSeen", "lastSeen", "reviewDue")
                    .contains(String.valueOf(k))) {
                problems.add("source: unknown key '" + k + "'");
            }
        }
        return new Origin(id, title, originator, legalBasis, evaluation, handling, first, last, review);
    }

    private static void check(Runnable r, String where, List<String> problems) {
        try {
            r.run();
        } catch (InvalidValueException e) {
            problems.add(where + ": " + e.getMessage());
        }
    }

    /** Under source, a plain value is a constant; {column: X} reads it from each row. */
    private static Value provenanceValue(Map<?, ?> s, String key, boolean required, List<String> problems) {
        Object v = s.get(key);
        if (v == null) {
            if (required) problems.add("source." + key + ": required (a constant, or {column: NAME} to read it per row)");
            return null;
        }
        if (v instanceof Map<?, ?> m) {
            String c = text(m.get("column"));
            if (c == null || m.size() != 1) problems.add("source." + key + ": write a constant or {column: NAME}");
            return new Value(c, null, false);
        }
        return Value.constant(String.valueOf(v));
    }

    private static List<Part> parts(Object o, boolean relations, List<String> problems) {
        String list = relations ? "relations" : "entities";
        if (o == null) return List.of();
        if (!(o instanceof List<?> items)) {
            problems.add(list + ": must be a list");
            return List.of();
        }
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?> m)) {
                problems.add(list + "[" + i + "]: must be a map with type and properties");
                continue;
            }
            String where = list + "[" + i + "]";
            EntityType type = null;
            try {
                type = EntityType.parse(text(m.get("type")));
            } catch (InvalidValueException e) {
                problems.add(where + ".type: " + e.getMessage());
            }
            if (type != null && type.isRelation() != relations) {
                problems.add(where + ".type: " + type + (relations ? " is not a relation type" : " is a relation; list it under relations"));
            }
            String subject = text(m.get("subject")), object = text(m.get("object"));
            String name = text(m.get("name"));
            if (name == null) {
                name = relations ? subject + "-" + (type == null ? "?" : type.name().toLowerCase()) + "-" + object
                        : type == null ? "entity" + i : type.name().toLowerCase();
            }
            if (relations && (subject == null || object == null)) problems.add(where + ": a relation needs subject and object (entity names)");
            String key = text(m.get("key"));
            Map<String, Value> props = new LinkedHashMap<>();
            if (m.get("properties") instanceof Map<?, ?> pm) {
                for (var e : pm.entrySet()) {
                    String prop = String.valueOf(e.getKey());
                    if (type != null && type.propertyType(prop).isEmpty()) {
                        problems.add(where + ".properties." + prop + ": " + type + " has no property '" + prop + "'; it has "
                                + type.properties().keySet());
                    } else if (type != null && type.propertyType(prop).get() == PropertyType.ENTITY) {
                        problems.add(where + ".properties." + prop + ": set subject and object by entity name, not as properties");
                    }
                    Value v = propertyValue(e.getValue(), where + ".properties." + prop, problems);
                    if (v != null) props.put(prop, v);
                }
            } else if (m.get("properties") != null) {
                problems.add(where + ".properties: must be a map of property: column");
            }
            if (!relations && props.isEmpty()) problems.add(where + ": map at least one property");
            for (Object k : m.keySet()) {
                if (!Set.of("name", "type", "key", "subject", "object", "properties").contains(String.valueOf(k))) {
                    problems.add(where + ": unknown key '" + k + "'");
                }
            }
            parts.add(new Part(name, type, key, subject, object, props));
        }
        return parts;
    }

    /** Under properties, a plain value is a column; {constant: X} is the same value on every row. */
    private static Value propertyValue(Object v, String where, List<String> problems) {
        if (v instanceof Map<?, ?> m) {
            String column = text(m.get("column")), constant = text(m.get("constant"));
            boolean split = !Boolean.FALSE.equals(m.get("split"));
            if ((column == null) == (constant == null)) {
                problems.add(where + ": give either column or constant");
                return null;
            }
            return column != null ? new Value(column, null, split) : Value.constant(constant);
        }
        String column = text(v);
        if (column == null) {
            problems.add(where + ": name a column");
            return null;
        }
        return Value.column(column);
    }

    private static String required(Map<?, ?> s, String key, List<String> problems) {
        String v = text(s.get(key));
        if (v == null) problems.add("source." + key + ": required");
        return v;
    }

    private static String text(Object o) {
        if (o == null) return null;
        String s = String.valueOf(o).strip();
        return s.isEmpty() ? null : s;
    }
}
