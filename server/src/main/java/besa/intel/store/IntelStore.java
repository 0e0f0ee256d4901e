package besa.intel.store;

import besa.access.ReadScope;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and writes entities as statements. Writing never overwrites: a statement already held
 * (same entity, property, value and source) is left as it is.
 */
@Component
public class IntelStore {
    private final JdbcClient jdbc;
    private final DataSource dataSource;

    public IntelStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    public void saveSource(Source s) {
        jdbc.sql("""
                insert into source (id, title, originator, legal_basis) values (?, ?, ?, ?)
                on conflict (id) do update set title = excluded.title, originator = excluded.originator,
                    legal_basis = excluded.legal_basis""")
                .params(s.id(), s.title(), s.originator(), s.legalBasis()).update();
    }

    /**
     * Adds a source if there is none with this id; an existing source keeps its title, originator and
     * legal basis (a user's import never rewrites them). True if it was added.
     */
    public boolean addSource(Source s) {
        return jdbc.sql("insert into source (id, title, originator, legal_basis) values (?, ?, ?, ?) on conflict (id) do nothing")
                .params(s.id(), s.title(), s.originator(), s.legalBasis()).update() > 0;
    }

    /**
     * Puts the user's row-level security settings on the current (writing) transaction, so that the
     * conditions of {@code scope} see the compartment tables as they do on his reads.
     */
    public void applyScope(ReadScope scope) {
        if (scope.isSystem()) return;
        jdbc.sql("select set_config('besa.user', ?, true), set_config('besa.compartments', ?, true), set_config('besa.officer', ?, true),"
                        + " set_config('besa.system', '', true)")
                .params(scope.username(), scope.compartmentsSetting(), scope.officer() == null ? "" : scope.officer())
                .query().singleRow();
    }

    public Optional<Source> source(String id) {
        return jdbc.sql("select id, title, originator, legal_basis from source where id = ?").param(id)
                .query((rs, n) -> new Source(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    /** Stores entities with their statements, edges and search keys, in one transaction. */
    @Transactional
    public void save(List<EntityRecord> records) {
        BulkWriter w = bulkWriter();
        records.forEach(w::add);
        w.finish(false);
    }

    /**
     * A bulk writer on the current transaction's connection: call it inside a transaction
     * (e.g. {@code @Transactional} or a {@code TransactionTemplate}) so that a failure rolls back all of it.
     */
    public BulkWriter bulkWriter() {
        return bulkWriter(ReadScope.system());
    }

    /** As {@link #bulkWriter()}, touching only what {@code scope} may read (a user's import). */
    public BulkWriter bulkWriter(ReadScope scope) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a bulk writer needs an active transaction");
        }
        return new BulkWriter(DataSourceUtils.getConnection(dataSource), scope);
    }

    /**
     * The exchange's receiving side's writer: partners' material gets its search keys and edges exactly as an
     * import's does, but it may write only partners' sources ({@code exchange:<partner>}), and only in a
     * transaction that set {@code besa.exchange_receive = 'on'} (the flag V130's triggers check for every
     * other write path). Call it inside that transaction.
     */
    public BulkWriter partnerMaterialWriter() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("a bulk writer needs an active transaction");
        }
        return new BulkWriter(DataSourceUtils.getConnection(dataSource), ReadScope.system(), true);
    }

    /** The entity with its active statements and first neighbours, or empty if there is none (everything: for the application itself). */
    public Optional<EntityView> find(String id) {
        return find(id, ReadScope.system());
    }

    /**
     * The entity as {@code scope} may see it: its readable statements, the caption they give, and the
     * relations whose relation and far end are readable; empty if there is no such entity or it is
     * not readable (the two are not told apart).
     */
    public Optional<EntityView> find(String id, ReadScope scope) {
        if (scope.readsNothing()) return Optional.empty();
        var head = jdbc.sql("select type, caption from entity e where id = ? and " + scope.entityReadable("e.id")).param(id)
                .query((rs, n) -> new Object[] {EntityType.valueOf(rs.getString(1)), rs.getString(2)}).optional();
        if (head.isEmpty()) return Optional.empty();
        EntityType type = (EntityType) head.get()[0];
        List<Statement> statements = jdbc.sql("""
                select entity_id, prop, value, original, source_id, record_key, originator, legal_basis, first_seen,
                       last_seen, source_grade, info_grade, handling, review_due
                from statement s where entity_id = ? and retired_at is null""" + " and " + scope.statementVisible("s") + " order by prop, id")
                .param(id).query(IntelStore::statement).list();
        List<EntityView.Edge> edges = jdbc.sql("""
                select e.relation_id, e.type, e.subject_id = :id as outgoing, o.id, o.type, o.caption
                from edge e join entity o on o.id = case when e.subject_id = :id then e.object_id else e.subject_id end
                where (e.subject_id = :id or e.object_id = :id)""" + " and " + scope.entityReadable("e.relation_id")
                        + " and " + scope.entityReadable("o.id") + " order by e.type, o.caption limit 500")
                .param("id", id)
                .query((rs, n) -> new EntityView.Edge(rs.getString(1), EntityType.valueOf(rs.getString(2)), rs.getBoolean(3),
                        rs.getString(4), EntityType.valueOf(rs.getString(5)), rs.getString(6)))
                .list();
        String caption = (String) head.get()[1];
        if (!scope.allStatements()) { // otherwise the stored caption is what the user may see
            caption = caption(type, statements);
            Map<String, EntityType> others = new HashMap<>();
            edges.forEach(e -> others.put(e.otherId(), e.otherType()));
            Map<String, String> captions = visibleCaptions(others, scope);
            edges = edges.stream().map(e -> new EntityView.Edge(e.relationId(), e.type(), e.outgoing(), e.otherId(), e.otherType(),
                    captions.getOrDefault(e.otherId(), ""))).toList();
        }
        return Optional.of(new EntityView(id, type, caption, statements, edges));
    }

    /**
     * Captions as {@code scope} may see them: derived from the readable statements only, so that a
     * name held at a higher handling code or from a restricted source does not show in a list.
     */
    public Map<String, String> visibleCaptions(Map<String, EntityType> types, ReadScope scope) {
        if (types.isEmpty()) return Map.of();
        if (scope.allStatements()) return captions(types.keySet());
        Map<String, List<Statement>> byEntity = new HashMap<>();
        jdbc.sql("""
                select entity_id, prop, value, original, source_id, record_key, originator, legal_basis, first_seen,
                       last_seen, source_grade, info_grade, handling, review_due
                from statement s where entity_id = any(?) and retired_at is null""" + " and " + scope.statementVisible("s")
                        + " order by entity_id, prop, id")
                .param(types.keySet().toArray(String[]::new))
                .query(IntelStore::statement).list()
                .forEach(s -> byEntity.computeIfAbsent(s.entityId(), k -> new ArrayList<>()).add(s));
        Map<String, String> out = new HashMap<>();
        types.forEach((id, type) -> out.put(id, caption(type, byEntity.getOrDefault(id, List.of()))));
        return out;
    }

    /** Captions of the given entities in one query (ids without an entity are left out). */
    public java.util.Map<String, String> captions(java.util.Collection<String> ids) {
        if (ids.isEmpty()) return java.util.Map.of();
        var out = new java.util.HashMap<String, String>();
        jdbc.sql("select id, caption from entity where id = any(?)").param(ids.toArray(String[]::new))
                .query(rs -> { out.put(rs.getString(1), rs.getString(2)); });
        return out;
    }

    static Statement statement(ResultSet rs, int row) throws SQLException {
        Provenance p = new Provenance(rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                localDate(rs.getDate(9)), localDate(rs.getDate(10)), new Grading(rs.getString(11).charAt(0), rs.getInt(12)),
                Handling.values()[rs.getInt(13)], localDate(rs.getDate(14)));
        return new Statement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), p);
    }

    /** The caption: the entity type's caption properties, or for people first and last name. */
    public static String caption(EntityType type, List<Statement> statements) {
        for (String prop : type.captionProps()) {
            Optional<String> v = statements.stream().filter(s -> s.prop().equals(prop)).map(Statement::original).findFirst();
            if (v.isPresent()) return v.get();
        }
        if (type == EntityType.Person) {
            String joined = statements.stream().filter(s -> s.prop().equals("firstName") || s.prop().equals("lastName"))
                    .map(Statement::original).collect(Collectors.joining(" "));
            if (!joined.isBlank()) return joined;
        }
        return type.isRelation() ? type.name() : "";
    }


    private static LocalDate localDate(Date d) {
        return d == null ? null : d.toLocalDate();
    }
}
