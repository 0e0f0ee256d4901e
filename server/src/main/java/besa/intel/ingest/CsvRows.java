package besa.intel.ingest;

import besa.intel.ingest.Mapping.Part;
import besa.intel.ingest.Mapping.Value;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.InvalidValueException;
import besa.intel.model.PropertyType;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.match.normalize.PartialDate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns one CSV row into entity records, or into the list of reasons it cannot. Entity ids are
 * derived, never random: source + record id + part name (or source + part name + key value), so the
 * same row always yields the same ids and a re-import finds what it stored before.
 */
final class CsvRows {
    /** The entities of one row, or why the row is refused. */
    record Result(List<EntityRecord> records, List<RowError> errors) {}

    private final Mapping mapping;
    private final String file;
    private final Pattern separator;
    private final Provenance fixed;
    private final MessageDigest sha;
    private final Map<String, String> names = new HashMap<>();

    CsvRows(Mapping mapping, String file) {
        this.mapping = mapping;
        this.file = file;
        this.separator = Pattern.compile(Pattern.quote(mapping.separator()));
        var o = mapping.source();
        boolean perRow = java.util.stream.Stream.of(o.evaluation(), o.handling(), o.firstSeen(), o.lastSeen(), o.reviewDue())
                .anyMatch(v -> v != null && v.column() != null);
        this.fixed = perRow ? null : provenance(c -> null, new ArrayList<>(), 0);
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds the entities of the row numbered {@code row}; {@code cell} reads a column of it. */
    Result build(long row, Function<String, String> cell) {
        List<RowError> errors = new ArrayList<>();
        String recordId = blankToNull(cell.apply(mapping.recordId()));
        if (recordId == null) errors.add(new RowError(file, row, mapping.recordId(), "the record id is blank"));
        Provenance p = fixed != null ? fixed : provenance(cell, errors, row);
        if (!errors.isEmpty()) return new Result(List.of(), errors);
        p = p.withRecordKey(recordId);

        Map<String, String> ids = new HashMap<>();
        List<EntityRecord> records = new ArrayList<>();
        for (Part part : mapping.entities()) {
            String id;
            if (part.key() != null) {
                String key = blankToNull(cell.apply(part.key()));
                if (key == null) continue; // no value for the shared entity on this row
                id = id(part.type(), mapping.source().id(), "key", part.name(), key.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
            } else {
                id = id(part.type(), mapping.source().id(), recordId, part.name());
            }
            List<Statement> statements = statements(part, id, cell, p, row, errors);
            if (statements.isEmpty()) continue;
            ids.put(part.name(), id);
            records.add(new EntityRecord(id, part.type(), statements));
        }
        for (Part rel : mapping.relations()) {
            String subject = ids.get(rel.subject()), object = ids.get(rel.object());
            if (subject == null || object == null) continue; // one end is empty on this row
            String id = id(rel.type(), mapping.source().id(), recordId, rel.name());
            List<Statement> statements = new ArrayList<>();
            statements.add(new Statement(id, EntityType.SUBJECT, subject, subject, p));
            statements.add(new Statement(id, EntityType.OBJECT, object, object, p));
            statements.addAll(statements(rel, id, cell, p, row, errors));
            records.add(new EntityRecord(id, rel.type(), statements));
        }
        return errors.isEmpty() ? new Result(records, List.of()) : new Result(List.of(), errors);
    }

    private List<Statement> statements(Part part, String id, Function<String, String> cell, Provenance p, long row, List<RowError> errors) {
        List<Statement> out = new ArrayList<>();
        for (var e : part.properties().entrySet()) {
            PropertyType type = part.type().propertyType(e.getKey()).orElseThrow();
            Value v = e.getValue();
            String raw = v.constant() != null ? v.constant() : cell.apply(v.column());
            if (raw == null || raw.isBlank()) continue;
            for (String one : v.split() ? separator.split(raw) : new String[] {raw}) {
                if (one.isBlank()) continue;
                try {
                    out.add(new Statement(id, e.getKey(), clean(type, one), one.strip(), p));
                } catch (InvalidValueException ex) {
                    String where = v.column() != null ? v.column() : part.name() + "." + e.getKey();
                    errors.add(new RowError(file, row, where, "'" + one.strip() + "': " + ex.getMessage()));
                }
            }
        }
        return out;
    }

    /** Names repeat a lot and folding them is the costly part of cleaning, so their results are remembered. */
    private String clean(PropertyType type, String raw) {
        if (type != PropertyType.NAME) return type.clean(raw);
        String hit = names.get(raw);
        if (hit != null) return hit;
        String clean = type.clean(raw); // throws for a bad value, which is then not remembered
        if (names.size() > 100_000) names.clear();
        names.put(raw, clean);
        return clean;
    }

    private Provenance provenance(Function<String, String> cell, List<RowError> errors, long row) {
        var o = mapping.source();
        Grading grading = read(o.evaluation(), cell, Grading::parse, errors, row);
        Handling handling = read(o.handling(), cell, Handling::parse, errors, row);
        LocalDate first = read(o.firstSeen(), cell, CsvRows::date, errors, row);
        LocalDate last = read(o.lastSeen(), cell, CsvRows::date, errors, row);
        LocalDate review = read(o.reviewDue(), cell, CsvRows::date, errors, row);
        if (grading == null || handling == null) {
            if (errors.isEmpty()) errors.add(new RowError(file, row, null, "the evaluation and handling codes are missing"));
            return null;
        }
        return new Provenance(o.id(), null, o.originator(), o.legalBasis(), first, last, grading, handling, review);
    }

    private <T> T read(Value v, Function<String, String> cell, Function<String, T> parse, List<RowError> errors, long row) {
        if (v == null) return null;
        String raw = v.constant() != null ? v.constant() : cell.apply(v.column());
        if (raw == null || raw.isBlank()) return null;
        try {
            return parse.apply(raw);
        } catch (InvalidValueException e) {
            errors.add(new RowError(file, row, v.column(), "'" + raw.strip() + "': " + e.getMessage()));
            return null;
        }
    }

    /** A full calendar date for provenance (first/last seen, review due). */
    static LocalDate date(String raw) {
        PartialDate d = PartialDate.parse(raw).orElseThrow(() -> new InvalidValueException("not a date: expected e.g. 2024-03-12 or 12.03.2024"));
        if (d.month() == null || d.day() == null) throw new InvalidValueException("needs a full date (year, month and day), not " + d.iso());
        return LocalDate.of(d.year(), d.month(), d.day());
    }

    /** A stable id: a type prefix and a hash of the parts, so ids carry no personal data. */
    private String id(EntityType type, String... parts) {
        sha.reset();
        for (String s : parts) {
            sha.update(s.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return type.name().toLowerCase(Locale.ROOT) + "-" + HexFormat.of().formatHex(sha.digest(), 0, 12);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
