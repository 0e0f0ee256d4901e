package besa.vetting.insider;

import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.InvalidValueException;
import besa.intel.model.PropertyType;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Decoy records: intelligence entities no lookup of which is legitimate. Marking one is a row in
 * {@code canary_record}; nothing in the entity itself says so, and only the vetting unit (and the
 * watch) reads that table. A quick decoy is an ordinary Person written into the store through the
 * same writer as any import, in an existing source, so others see just another record.
 * Callers hold the transaction (through {@code VettingAccess}).
 */
@Repository
public class Canaries {
    public static final int MAX_NOTE = 2000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final IntelStore store;

    Canaries(JdbcClient jdbc, IntelStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    public record Canary(String entityId, String type, String caption, String note, String createdBy, Instant createdAt, boolean decoy) {}

    /** What a quick decoy person is: a name, optionally a date of birth, in an existing source at a handling code. */
    public record Decoy(String name, String birthDate, String sourceId, String handling, String note) {}

    /** Why a canary was refused: the field and a message key of {@code i18n/insider}. */
    public static final class Refused extends RuntimeException {
        private final String field;
        private final String key;

        public Refused(String field, String key, String detail) {
            super(detail);
            this.field = field;
            this.key = key;
        }

        public String field() {
            return field;
        }

        public String key() {
            return key;
        }
    }

    public List<Canary> list() {
        return jdbc.sql("""
                select c.entity_id, coalesce(e.type, ''), coalesce(e.caption, ''), c.note, c.created_by, c.created_at, c.created_decoy
                from canary_record c left join entity e on e.id = c.entity_id order by c.created_at desc, c.entity_id""")
                .query((rs, n) -> new Canary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant(), rs.getBoolean(7)))
                .list();
    }

    public Optional<Canary> find(String entityId) {
        return list().stream().filter(c -> c.entityId().equals(entityId)).findFirst();
    }

    /** Marks an existing intelligence entity (not a relation) as a canary. */
    public Canary mark(String entityId, String note, String by) {
        String id = entityId == null ? "" : entityId.strip();
        if (id.isEmpty()) throw new Refused("entityId", "insider.canary.error.entity", "the entity id is empty");
        String type = jdbc.sql("select type from entity where id = ?").param(id).query(String.class).optional()
                .orElseThrow(() -> new Refused("entityId", "insider.canary.error.unknown", "no intelligence entity has the id " + id));
        if (EntityType.parse(type).isRelation()) throw new Refused("entityId", "insider.canary.error.relation", id + " is a relation, not a record");
        insert(id, note(note), by, false);
        return find(id).orElseThrow();
    }

    /** Writes a new ordinary-looking Person into the store and marks it. */
    public Canary createDecoy(Decoy d, String by) {
        String note = note(d.note());
        String name;
        try {
            name = PropertyType.NAME.clean(d.name() == null ? "" : d.name());
        } catch (InvalidValueException e) {
            throw new Refused("name", "insider.canary.error.name", "name: " + e.getMessage());
        }
        String birth = null;
        if (d.birthDate() != null && !d.birthDate().isBlank()) {
            try {
                birth = PropertyType.DATE.clean(d.birthDate());
            } catch (InvalidValueException e) {
                throw new Refused("birthDate", "insider.canary.error.birthDate", "birthDate: " + e.getMessage());
            }
        }
        String sourceId = d.sourceId() == null ? "" : d.sourceId().strip();
        var source = store.source(sourceId).orElseThrow(() -> new Refused("sourceId", "insider.canary.error.source", "no source has the id '" + sourceId + "'"));
        Handling handling;
        try {
            handling = d.handling() == null || d.handling().isBlank() ? Handling.H0 : Handling.parse(d.handling());
        } catch (RuntimeException e) {
            throw new Refused("handling", "insider.canary.error.handling", "handling: expected H0 to H3");
        }
        String id = sourceId + "-" + (100_000 + RANDOM.nextInt(900_000));
        Provenance p = new Provenance(source.id(), id, source.originator(), source.legalBasis(), null, null, Grading.parse("B2"), handling, null);
        List<Statement> statements = new ArrayList<>();
        statements.add(new Statement(id, "name", name, d.name().strip(), p));
        if (birth != null) statements.add(new Statement(id, "birthDate", birth, d.birthDate().strip(), p));
        store.save(List.of(new EntityRecord(id, EntityType.Person, statements)));
        insert(id, note, by, true);
        return find(id).orElseThrow();
    }

    /** Unmarks a canary (the entity stays in the store). True if it was one. */
    public boolean unmark(String entityId) {
        return jdbc.sql("delete from canary_record where entity_id = ?").param(entityId).update() > 0;
    }

    private void insert(String id, String note, String by, boolean decoy) {
        int n = jdbc.sql("insert into canary_record (entity_id, note, created_by, created_decoy) values (?, ?, ?, ?) on conflict (entity_id) do nothing")
                .params(id, note, by, decoy).update();
        if (n == 0) throw new Refused("entityId", "insider.canary.error.already", id + " is already a canary");
    }

    private static String note(String raw) {
        String n = raw == null ? "" : raw.strip();
        if (n.isEmpty()) throw new Refused("note", "insider.canary.error.note", "a canary needs a note saying why it was placed");
        if (n.length() > MAX_NOTE) throw new Refused("note", "insider.canary.error.noteLength", "the note is longer than " + MAX_NOTE + " characters");
        return n;
    }
}
