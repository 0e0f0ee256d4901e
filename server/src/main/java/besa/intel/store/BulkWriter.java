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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    /** Sources of this prefix hold what a partner sent (V130): {@code exchange:<partner>}. */
    public static final String PARTNER_SOURCE_PREFIX = "exchange:";

    private final Connection connection;
    private final CopyManager copy;
    private final StringBuilder entities = new StringBuilder(1 << 16);
    private final StringBuilder statements = new StringBuilder(1 << 20);
    private final StringBuilder edges = new StringBuilder(1 << 16);
    private final StringBuilder keys = new StringBuilder(1 << 16);
    private static final Logger log = LoggerFactory.getLogger(BulkWriter.class);
    private long staged;
    private final Set<String> sources = new HashSet<>();
    /** Search keys of recent values: names repeat a lot, and deriving their keys is the costly part. */
    private final Map<String, List<SearchKey>> keyCache = new HashMap<>();
    /**
     * Ids of the entities written (staged or retired) since the writer was made, for listeners of
     * {@code IntelChanged}; null once there are more than {@code IntelChanged.MAX_IDS} (a bulk load
     * says "everything" instead, and stops paying for the set).
     */
    private Set<String> touched = new HashSet<>();

    /** Counts of what {@link #finish} changed. */
    public record Result(long entitiesAdded, long statementsAdded, long statementsRetired, long statementsRestored) {}

    /** What the writer may touch: a user's import only what he may read. */
    private final besa.access.ReadScope scope;
    /** The exchange's receiving side: writes partners' sources ({@code exchange:…}) and nothing else. */
    private final boolean partnerMaterial;

    BulkWriter(Connection connection, besa.access.ReadScope scope) {
        this(connection, scope, false);
    }

    BulkWriter(Connection connection, besa.access.ReadScope scope, boolean partnerMaterial) {
        try {
            this.connection = connection;
            this.scope = scope;
            this.partnerMaterial = partnerMaterial;
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try (var s = connection.createStatement()) {
                try (var rs = s.executeQuery("select to_regclass('pg_temp.stage_statement') is null")) {
                    // Staging lives in temp buffers; the default 8 MB would spill every batch to disk.
                    // (It can only change before the session's first temp table; the block swallows a refusal.)
                    if (rs.next() && rs.getBoolean(1)) {
                        s.execute("do $$ begin perform set_config('temp_buffers', '256MB', false); exception when others then null; end $$");
                    }
                }
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
        Set<SearchKey> recordKeys = new java.util.LinkedHashSet<>(); // "Arben Hoxha" and firstName "Arben" share a key
        for (Statement s : r.statements()) {
            Provenance p = s.provenance();
            row(statements, r.id(), s.prop(), s.value(), s.original(), p.sourceId(), p.recordKey(), p.originator(),
                    p.legalBasis(), iso(p.firstSeen()), iso(p.lastSeen()), String.valueOf(p.grading().source()),
                    Integer.toString(p.grading().info()), Integer.toString(p.handling().level()), iso(p.reviewDue()));
            PropertyType pt = r.type().propertyType(s.prop()).orElseThrow(
                    () -> new IllegalArgumentException(r.type() + " has no property " + s.prop()));
            recordKeys.addAll(searchKeys(pt, s.value()));
            sources.add(p.sourceId());
            if (s.prop().equals(EntityType.SUBJECT)) subject = s.value();
            if (s.prop().equals(EntityType.OBJECT)) object = s.value();
        }
        for (SearchKey k : recordKeys) row(keys, r.id(), k.kind(), k.key());
        if (r.type().isRelation() && subject != null && object != null) row(edges, r.id(), r.type().name(), subject, object);
        staged++;
        touch(r.id());
        if (statements.length() > FLUSH_BYTES) flush();
    }

    private List<SearchKey> searchKeys(PropertyType pt, String value) {
        if (pt != PropertyType.NAME) return pt.searchKeys(value);
        if (keyCache.size() > 200_000) keyCache.clear();
        return keyCache.computeIfAbsent(value, pt::searchKeys);
    }

    private void touch(String id) {
        if (touched == null) return;
        touched.add(id);
        if (touched.size() > besa.intel.IntelChanged.MAX_IDS) touched = null;
    }

    /** What this writer changed, as an event for after the commit: the ids, or "everything" for a big load. */
    public besa.intel.IntelChanged changes() {
        return touched == null ? besa.intel.IntelChanged.tooManyToList() : new besa.intel.IntelChanged(touched);
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
            checkSources(s);
            checkEntities();
            long entitiesAdded = timed(s, """
                    insert into entity (id, type, caption)
                    select distinct on (id) id, type, caption from stage_entity order by id, caption desc
                    on conflict (id) do update set caption = excluded.caption, updated_at = now()
                    where entity.caption = '' and excluded.caption <> ''""");
            long retired = 0, restored = 0;
            if (retireMissing && sourcesHaveStatements()) {
                // An edge is derived from its relation's subject/object: when one of them is retired the edge
                // goes (it is not originator data); if the relation is still carried, it is staged and comes back below.
                retired = count(s, """
                        with r as (
                            update statement t set retired_at = now()
                            from (select distinct source_id, record_key from stage_statement) k
                            where t.source_id = k.source_id and t.record_key = k.record_key and t.retired_at is null
                              and VISIBLE
                              and not exists (select 1 from stage_statement n where n.entity_id = t.entity_id
                                  and n.prop = t.prop and n.value = t.value and n.source_id = t.source_id)
                            returning t.entity_id, t.prop),
                        gone as (
                            delete from edge e using (select distinct entity_id from r where prop in ('subject', 'object')) x
                            where e.relation_id = x.entity_id)
                        select count(*), array(select distinct entity_id from r limit LIMIT) from r"""
                        .replace("VISIBLE", scope.statementVisible("t")).replace("LIMIT", Integer.toString(besa.intel.IntelChanged.MAX_IDS + 1)));
                restored = timed(s, """
                        update statement t set retired_at = null
                        from stage_statement n
                        where t.retired_at is not null and n.entity_id = t.entity_id and n.prop = t.prop
                          and n.value = t.value and n.source_id = t.source_id and VISIBLE""".replace("VISIBLE", scope.statementVisible("t")));
            }
            // Statements, edges and search keys go in through store_move_staged (V67): it checks each foreign key
            // once, set-based, and skips the per-row foreign-key triggers (a trigger call and a row lock per row),
            // a right the application's own database role does not have.
            long added = moveStaged();
            s.execute("truncate stage_entity, stage_statement, stage_edge, stage_key");
            staged = 0;
            sources.clear();
            return new Result(entitiesAdded, added, retired, restored);
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the staged entities: " + e.getMessage(), e);
        }
    }

    /**
     * Every staged statement's source must exist; otherwise nothing is written. For a user's import it must
     * also be visible to him, and a missing and a hidden source get the same refusal (no existence oracle).
     */
    private void checkSources(java.sql.Statement s) throws SQLException {
        // Partners' material (V130): only the exchange's receiving side writes it, never an import, system or not; and the
        // receiving side writes nothing else. Checked here because the final move runs with the row triggers off.
        for (String id : sources) {
            if (!partnerMaterial && id.startsWith(PARTNER_SOURCE_PREFIX)) {
                throw new WriteRefusedException("source " + id + " holds what a partner sent; imports cannot write to it");
            }
            if (partnerMaterial && !id.startsWith(PARTNER_SOURCE_PREFIX)) {
                throw new WriteRefusedException("the receiving side writes only partners' sources, not " + id);
            }
        }
        if (partnerMaterial) {
            try (var rs = s.executeQuery("select coalesce(current_setting('besa.exchange_receive', true), '') = 'on'")) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    throw new WriteRefusedException("partners' material is written only in a receiving transaction (besa.exchange_receive)");
                }
            }
        }
        if (!scope.isSystem()) {
            for (String id : sources.stream().sorted().toList()) {
                if (!scope.mayReadSource(id)) throw new WriteRefusedException(sourceRefusal(id));
            }
        }
        try (var ps = connection.prepareStatement("select array(select unnest(?::text[]) except select id from source order by 1)")) {
            ps.setArray(1, connection.createArrayOf("text", sources.toArray()));
            try (var rs = ps.executeQuery()) {
                rs.next();
                String[] missing = (String[]) rs.getArray(1).getArray();
                if (missing.length > 0 && !scope.isSystem()) throw new WriteRefusedException(sourceRefusal(missing[0]));
                if (missing.length > 0) throw new IllegalStateException("unknown source(s) " + String.join(", ", missing) + ": save them first");
            }
        }
    }

    /** The one refusal for a source a user's import may not write to, whether it is missing or hidden from him. */
    public static String sourceRefusal(String id) {
        return "source " + id + " cannot be written by you (it is unknown or not visible to you)";
    }

    /** The one refusal for an entity id a user's import may not write, whatever the reason. */
    public static String entityRefusal(String id) {
        return "entity id " + id + " cannot be written by you";
    }

    /**
     * A user's import may not touch an existing entity his need-to-know or subject protection hides
     * (compartment or vetting material), nor link a relation to one. The refusal does not say why.
     */
    private void checkEntities() throws SQLException {
        if (scope.isSystem()) return;
        String sql = "select x.id from (select id from stage_entity union select subject_id from stage_edge"
                + " union select object_id from stage_edge) x join entity e on e.id = x.id where not " + scope.entityAllowed("x.id")
                + " order by 1 limit 1";
        try (var st = connection.createStatement(); var rs = st.executeQuery(sql)) {
            if (rs.next()) throw new WriteRefusedException(entityRefusal(rs.getString(1)));
        }
    }

    /** A user's import touched something he may not write: nothing is written, and the message says only what. */
    public static final class WriteRefusedException extends RuntimeException {
        public WriteRefusedException(String message) {
            super(message);
        }
    }

    private long moveStaged() throws SQLException {
        long t0 = System.nanoTime();
        try (var ps = connection.prepareStatement("select statements_added from store_move_staged(?)")) {
            ps.setString(1, PropertyType.NAME_FOLD);
            try (var rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                if (log.isDebugEnabled()) log.debug("{} statements in {} ms: store_move_staged", n, (System.nanoTime() - t0) / 1_000_000);
                return n;
            }
        }
    }

    /** A first import of a source has nothing to retire: skip the anti-join over everything staged. */
    private boolean sourcesHaveStatements() throws SQLException {
        try (var ps = connection.prepareStatement("select exists (select 1 from statement where source_id = any(?))")) {
            ps.setArray(1, connection.createArrayOf("text", sources.toArray()));
            try (var rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Runs one set-based step; at debug level logs how long it took (the figures that matter for tuning). */
    private static long timed(java.sql.Statement s, String sql) throws SQLException {
        long t0 = System.nanoTime();
        long n = s.executeUpdate(sql);
        if (log.isDebugEnabled()) log.debug("{} rows in {} ms: {}", n, (System.nanoTime() - t0) / 1_000_000, sql.strip().lines().findFirst().orElse(""));
        return n;
    }

    /** Runs the retiring step: returns how many statements it retired, and notes their entities as touched. */
    private long count(java.sql.Statement s, String sql) throws SQLException {
        long t0 = System.nanoTime();
        try (var rs = s.executeQuery(sql)) {
            rs.next();
            long n = rs.getLong(1);
            if (n > 0) for (String id : (String[]) rs.getArray(2).getArray()) touch(id);
            if (log.isDebugEnabled()) log.debug("{} rows in {} ms: retire", n, (System.nanoTime() - t0) / 1_000_000);
            return n;
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
        long t0 = System.nanoTime();
        try {
            byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
            var in = copy.copyIn("copy " + table + " from stdin");
            try {
                in.writeToCopy(bytes, 0, bytes.length);
                in.endCopy();
            } finally {
                if (in.isActive()) in.cancelCopy();
            }
            if (log.isTraceEnabled()) log.trace("COPY {} bytes into {} in {} ms", bytes.length, table, (System.nanoTime() - t0) / 1_000_000);
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
