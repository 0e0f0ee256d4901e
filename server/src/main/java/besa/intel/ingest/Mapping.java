package besa.intel.ingest;

import besa.intel.model.EntityType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the rows of one CSV file become entities, relations and statements: the file's source and
 * its provenance, the column holding each row's record id, and the entities and relations built from
 * every row. Read one with {@link MappingLoader}.
 */
public record Mapping(Origin source, String recordId, String separator, List<Part> entities, List<Part> relations) {

    /** A value taken from a column (optionally split into several) or a constant. */
    public record Value(String column, String constant, boolean split) {
        static Value column(String c) {
            return new Value(c, null, true);
        }

        static Value constant(String c) {
            return new Value(null, c, false);
        }
    }

    /** The source and the provenance of every statement; each provenance field a constant or a column. */
    public record Origin(String id, String title, String originator, String legalBasis, Value evaluation, Value handling,
            Value firstSeen, Value lastSeen, Value reviewDue) {}

    /**
     * An entity (or relation) built from each row. Its id comes from the source, the row's record id
     * and the part's name, or, with {@code key}, from that column's value (one entity shared by all rows
     * naming it, e.g. a criminal group). Relations name their two ends by part name.
     */
    public record Part(String name, EntityType type, String key, String subject, String object, Map<String, Value> properties) {}

    /** Columns the mapping reads, in order of first use. */
    public Set<String> columns() {
        Set<String> c = new LinkedHashSet<>();
        c.add(recordId);
        for (Value v : java.util.Arrays.asList(source.evaluation(), source.handling(), source.firstSeen(), source.lastSeen(), source.reviewDue())) {
            if (v != null && v.column() != null) c.add(v.column());
        }
        for (Part p : all()) {
            if (p.key() != null) c.add(p.key());
            p.properties().values().stream().filter(v -> v.column() != null).forEach(v -> c.add(v.column()));
        }
        return c;
    }

    public List<Part> all() {
        List<Part> a = new ArrayList<>(entities);
        a.addAll(relations);
        return a;
    }

    /** Problems with a file whose header is {@code header}: every column the mapping reads must be there. */
    public List<String> checkHeader(List<String> header) {
        List<String> problems = new ArrayList<>();
        for (String c : columns()) {
            if (!header.contains(c)) problems.add("column '" + c + "' is not in the file's header " + header);
        }
        return problems;
    }
}
