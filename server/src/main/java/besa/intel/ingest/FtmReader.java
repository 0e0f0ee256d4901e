package besa.intel.ingest;

import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.InvalidValueException;
import besa.intel.model.PropertyType;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.Source;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one FtM JSON line into an entity record. A line Besa exported carries a {@code besa} field
 * with the exact type and every statement's provenance, which is used as is; a plain FtM line is
 * mapped by schema and property names and takes its provenance from the import's defaults.
 */
final class FtmReader {
    record Result(EntityRecord record, List<Source> sources, List<RowError> errors) {}

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String file;
    private final FtmDefaults defaults;
    private final Set<String> sourcesSeen = new HashSet<>();

    FtmReader(String file, FtmDefaults defaults) {
        this.file = file;
        this.defaults = defaults;
        if (defaults != null) sourcesSeen.add(defaults.source().id());
    }

    /** True the first time a source id is seen in this file (so it is saved once). */
    boolean firstTime(String sourceId) {
        return sourcesSeen.add(sourceId);
    }

    Result read(long line, String json) {
        List<RowError> errors = new ArrayList<>();
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JacksonException e) {
            return fail(line, null, "not valid JSON: " + e.getOriginalMessage());
        }
        String id = n.path("id").asString("");
        String schema = n.path("schema").asString("");
        if (id.isBlank()) return fail(line, "id", "the entity has no id");
        if (n.hasNonNull("besa")) return readBesa(line, id, n.get("besa"), errors);
        EntityType type = Ftm.type(schema);
        if (type == null) return fail(line, "schema", "FtM schema '" + schema + "' has no Besa type");
        if (defaults == null) {
            return fail(line, null, "this line carries no Besa provenance: give the import a source, originator, legal basis, evaluation and handling code");
        }
        Provenance p = defaults.provenance(id);
        List<Statement> statements = new ArrayList<>();
        for (var e : n.path("properties").properties()) {
            String prop = Ftm.besaProp(type, e.getKey());
            for (JsonNode v : e.getValue().isArray() ? e.getValue().values() : List.of(e.getValue())) {
                String raw = v.asString("");
                if (raw.isBlank()) continue;
                String target = prop != null ? prop : "notes";
                String text = prop != null ? raw : e.getKey() + ": " + raw; // keep what Besa has no property for
                try {
                    PropertyType pt = type.propertyType(target).orElseThrow();
                    statements.add(new Statement(id, target, pt.clean(text), text.strip(), p));
                } catch (InvalidValueException ex) {
                    errors.add(new RowError(file, line, "properties." + e.getKey(), "'" + raw + "': " + ex.getMessage()));
                }
            }
        }
        if (!errors.isEmpty()) return new Result(null, List.of(), errors);
        if (statements.isEmpty()) return fail(line, "properties", "the entity has no properties");
        return new Result(new EntityRecord(id, type, statements), List.of(), List.of());
    }

    private Result readBesa(long line, String id, JsonNode besa, List<RowError> errors) {
        EntityType type;
        try {
            type = EntityType.parse(besa.path("type").asString(""));
        } catch (InvalidValueException e) {
            return fail(line, "besa.type", e.getMessage());
        }
        List<Source> sources = new ArrayList<>();
        for (var e : besa.path("sources").properties()) {
            JsonNode s = e.getValue();
            sources.add(new Source(e.getKey(), s.path("title").asString(e.getKey()), s.path("originator").asString(""),
                    s.path("legalBasis").asString("")));
        }
        List<Statement> statements = new ArrayList<>();
        int i = 0;
        for (JsonNode s : besa.path("statements").values()) {
            String where = "besa.statements[" + i++ + "]";
            try {
                String prop = s.path("prop").asString("");
                PropertyType pt = type.propertyType(prop).orElseThrow(() -> new InvalidValueException(type + " has no property '" + prop + "'"));
                String value = s.path("value").asString("");
                pt.clean(value); // refuse values Besa would not have stored
                Provenance p = new Provenance(text(s, "source"), text(s, "record"), text(s, "originator"), text(s, "legalBasis"),
                        date(s, "firstSeen"), date(s, "lastSeen"), Grading.parse(s.path("evaluation").asString("")),
                        Handling.parse(s.path("handling").asString("")), date(s, "reviewDue"));
                if (p.sourceId().isBlank()) throw new InvalidValueException("the statement has no source");
                statements.add(new Statement(id, prop, value, s.path("original").asString(value), p));
            } catch (InvalidValueException | NullPointerException e) {
                errors.add(new RowError(file, line, where, e.getMessage()));
            }
        }
        if (!errors.isEmpty()) return new Result(null, List.of(), errors);
        if (statements.isEmpty()) return fail(line, "besa.statements", "the entity has no statements");
        for (Statement st : statements) {
            String sid = st.provenance().sourceId();
            if (sources.stream().noneMatch(s -> s.id().equals(sid))) {
                sources.add(new Source(sid, sid, st.provenance().originator(), st.provenance().legalBasis()));
            }
        }
        return new Result(new EntityRecord(id, type, statements), sources, List.of());
    }

    private static String text(JsonNode s, String field) {
        return s.hasNonNull(field) ? s.get(field).asString() : null;
    }

    private static LocalDate date(JsonNode s, String field) {
        if (!s.hasNonNull(field)) return null;
        try {
            return LocalDate.parse(s.get(field).asString());
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field + " must be a date like 2024-03-12");
        }
    }

    private Result fail(long line, String column, String reason) {
        return new Result(null, List.of(), List.of(new RowError(file, line, column, reason)));
    }
}
