package besa.intel.store;

import besa.intel.model.EntityType;
import besa.intel.model.PropertyType;
import besa.intel.model.Provenance;
import besa.intel.model.SearchKey;
import besa.intel.model.Statement;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes many entities fast: rows are streamed with {@code COPY} into temporary staging tables and
 * moved into the store with a few set-based statements when {@link #finish} is called. It works on
 * the caller's connection and transaction, so a rollback leaves nothing behind.
 *
 * <p>Semantics are those of {@link IntelStore#save}: a statement already held (same entity,
 * property, value and source) is never overwritten. With {@code retireMissing}, statements that a
 * (source, record key) seen in this batch no longer carries are retired, and retired ones it carries
 * again come back.
 */
public final class BulkWriter {
    private static final int FLUSH_BYTES = 4 << 20;

    private final Connection connection;
    private final CopyManager copy;
    private final StringBuilder entities = new StringBuilder(1 << 16);
    private final StringBuilder statements = new StringBuilder(1 << 20);
    private final StringBuilder edges = new StringBuilder(1 << 16);
    private final StringBuilder keys = new StringBuilder(1 << 16);
    private long staged;

    /** Counts of what {@link #finish} changed. */
    public record Result(long entitiesAdded, long statementsAdded, long statementsRetired, long statementsRestored) {}

    BulkWriter(Connection connection) {
        try {
            this.connection = connection;
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try (var s = connection.createStatement()) {
                s.execute("""
                        create temp table if not exists stage_entity (id text, type text, caption text) on commit delete rows;
                        create temp table if not exists stage_statement (entity_id text, prop text, value text, original text,
                            source_id text, record_key text, originator text, legal_basis text, first_seen date, last_seen date,
                            source_grade char(1), info_grade smallint, handling smallint, review_due date) on commit delete rows;
                        create temp table if not exists stage_edge (relation_id text, type text, subject_id text, object_id text)
                            on commit delete rows;
                        create temp table if not exists stage_key (entity_id text, kind text, key text) on commit delete rows;
                        truncate stage_entity, stage_statement, stage_edge, stage_key""");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare the staging tables: " + e.getMessage(), e);
        }
    }

    /** Stages one entity with its statements, edge and search keys. */
    public void add(EntityRecord r) {
        row(entities, r.id(), r.type().name(), IntelStore.caption(r.type(), r.statements()));
        String subject = null, object = null;
        for (Statement s : r.statements()) {
            Provenance p = s.provenance();
            row(statements, r.id(), s.prop(), s.value(), s.original(), p.sourceId(), p.recordKey(), p.originator(),
                    p.legalBasis(), iso(p.firstSeen()), iso(p.lastSeen()), String.valueOf(p.grading().source()),
                    Integer.toString(p.grading().info()), Integer.toString(p.handling().level()), iso(p.reviewDue()));
            PropertyType pt = r.type().propertyType(s.prop()).orElseThrow(
                    () -> new IllegalArgumentException(r.type() + " has no property " + s.prop()));
            for (SearchKey k : pt.searchKeys(s.value())) row(keys, r.id(), k.kind(), k.key());
            if (s.prop().equals(EntityType.SUBJECT)) subject = s.value();
            if (s.prop().equals(EntityType.OBJECT)) object = s.value();
        }
        if (r.type().isRelation() && subject != null && object != null) row(edges, r.id(), r.type().name(), subject, object);
        staged++;
        if (statements.length() > FLUSH_BYTES) flush();
    }

    /** Entities staged since the last {@link #finish}. */
    public long staged() {
        return staged;
    }

    /** Moves everything staged into the store (in the caller's transaction) and empties the staging tables. */
    public Result finish(boolean retireMissing) {
        flush();
        try (var s = connection.createStatement()) {
            s.execute("analyze stage_entity, stage_statement");
            long entitiesAdded = s.executeUpdate("""
                    insert into entity (id, type, caption)
                    select distinct on (id) id, type, caption from stage_entity order by id, caption desc
                    on conflict (id) do update set caption = excluded.caption, updated_at = now()
                    where entity.caption = '' and excluded.caption <> ''""");
            long retired = 0, restored = 0;
            if (retireMissing) {
                retired = s.executeUpdate("""
                        update statement t set retired_at = now()
                        from (select distinct source_id, record_key from stage_statement) k
                        where t.source_id = k.source_id and t.record_key = k.record_key and t.retired_at is null
                          and not exists (select 1 from stage_statement n where n.entity_id = t.entity_id
                              and n.prop = t.prop and n.value = t.value and n.source_id = t.source_id)""");
                restored = s.executeUpdate("""
                        update statement t set retired_at = null
                        from stage_statement n
                        where t.retired_at is not null and n.entity_id = t.entity_id and n.prop = t.prop
                          and n.value = t.value and n.source_id = t.source_id""");
            }
            long added = s.executeUpdate("""
                    insert into statement (entity_id, prop, value, original, source_id, record_key, originator, legal_basis,
                        first_seen, last_seen, source_grade, info_grade, handling, review_due)
                    select entity_id, prop, value, original, source_id, record_key, originator, legal_basis,
                        first_seen, last_seen, source_grade, info_grade, handling, review_due from stage_statement
                    on conflict (entity_id, prop, value, source_id) do nothing""");
            s.executeUpdate("""
                    insert into edge (relation_id, type, subject_id, object_id)
                    select relation_id, type, subject_id, object_id from stage_edge on conflict (relation_id) do nothing""");
            s.executeUpdate("insert into search_key (entity_id, kind, key) select entity_id, kind, key from stage_key on conflict do nothing");
            s.execute("truncate stage_entity, stage_statement, stage_edge, stage_key");
            staged = 0;
            return new Result(entitiesAdded, added, retired, restored);
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the staged entities: " + e.getMessage(), e);
        }
    }

    private void flush() {
        copyIn("stage_entity", entities);
        copyIn("stage_statement", statements);
        copyIn("stage_edge", edges);
        copyIn("stage_key", keys);
    }

    private void copyIn(String table, StringBuilder rows) {
        if (rows.isEmpty()) return;
        try {
            byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
            var in = copy.copyIn("copy " + table + " from stdin");
            try {
                in.writeToCopy(bytes, 0, bytes.length);
                in.endCopy();
            } finally {
                if (in.isActive()) in.cancelCopy();
            }
            rows.setLength(0);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into " + table + " failed: " + e.getMessage(), e);
        }
    }

    /** One line of COPY text format: tab-separated, \N for null, backslash escapes. */
    private static void row(StringBuilder b, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) b.append('\t');
            String v = values[i];
            if (v == null) {
                b.append("\\N");
                continue;
            }
            for (int j = 0; j < v.length(); j++) {
                char c = v.charAt(j);
                switch (c) {
                    case '\\' -> b.append("\\\\");
                    case '\t' -> b.append("\\t");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    default -> b.append(c);
                }
            }
        }
        b.append('\n');
    }

    private static String iso(LocalDate d) {
        return d == null ? null : d.toString();
    }
}
