package besa.intel.search;

import besa.access.ReadScope;
import besa.intel.model.EntityType;
import besa.intel.store.IntelStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Read-side listings: entities by type and source, sources, and an entity's first neighbours. */
@Service
public class EntityCatalogue {
    /** The chart stays legible and the response small; the entity page lists every relation. */
    public static final int MAX_NEIGHBOURS = 200;

    private final JdbcClient jdbc;
    private final IntelStore store;

    public EntityCatalogue(JdbcClient jdbc, IntelStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /** Every entity (for the application itself). */
    public Page<EntitySummary> entities(EntityType type, String source, int page, int size) {
        return entities(type, source, page, size, ReadScope.system());
    }

    /**
     * Entities {@code scope} may read, optionally of one type and with at least one active readable
     * statement from one source, by caption; the total counts only those.
     */
    public Page<EntitySummary> entities(EntityType type, String source, int page, int size, ReadScope scope) {
        Page.check(page, size);
        if (scope.readsNothing()) return new Page<>(List.of(), 0, page, size);
        String where = " where " + scope.entityReadable("e.id")
                + (type == null ? "" : " and e.type = :type")
                + (source == null ? "" : " and exists (select 1 from statement s where s.entity_id = e.id"
                        + " and s.source_id = :source and s.retired_at is null and " + scope.statementVisible("s") + ")");
        var params = new LinkedHashMap<String, Object>();
        if (type != null) params.put("type", type.name());
        if (source != null) params.put("source", source);
        long total = jdbc.sql("select count(*) from entity e" + where).params(params).query(Long.class).single();
        params.put("limit", size);
        params.put("offset", (long) page * size);
        List<EntitySummary> items = jdbc.sql("select e.id, e.type, e.caption from entity e" + where
                        + " order by e.caption, e.id limit :limit offset :offset")
                .params(params)
                .query((rs, n) -> new EntitySummary(rs.getString(1), EntityType.valueOf(rs.getString(2)), rs.getString(3)))
                .list();
        return new Page<>(visible(items, scope), total, page, size);
    }

    /** Captions from readable statements only. */
    private List<EntitySummary> visible(List<EntitySummary> items, ReadScope scope) {
        if (scope.allStatements()) return items; // the stored captions are what he may see
        Map<String, EntityType> types = new LinkedHashMap<>();
        items.forEach(i -> types.put(i.id(), i.type()));
        Map<String, String> captions = store.visibleCaptions(types, scope);
        return items.stream().map(i -> new EntitySummary(i.id(), i.type(), captions.getOrDefault(i.id(), ""))).toList();
    }

    public Page<SourceSummary> sources(int page, int size) {
        return sources(page, size, ReadScope.system());
    }

    /**
     * Sources {@code scope} may read (an originator's restriction hides the source itself), each with
     * the number of active statements the user may read: a count that included case or vetting
     * material would tell a non-member that such material exists.
     */
    public Page<SourceSummary> sources(int page, int size, ReadScope scope) {
        Page.check(page, size);
        if (scope.readsNothing()) return new Page<>(List.of(), 0, page, size);
        long total = jdbc.sql("select count(*) from source s where " + scope.sourceVisible("s.id")).query(Long.class).single();
        List<SourceSummary> items = jdbc.sql("select s.id, s.title, s.originator, s.legal_basis,"
                        + " (select count(*) from statement t where t.source_id = s.id and t.retired_at is null"
                        + (scope.isSystem() ? "" : " and " + scope.statementVisible("t") + " and " + scope.entityAllowed("t.entity_id")) + ")"
                        + " from source s where " + scope.sourceVisible("s.id") + " order by s.id limit ? offset ?")
                .params(size, (long) page * size)
                .query((rs, n) -> new SourceSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
                .list();
        return new Page<>(items, total, page, size);
    }

    /** The entity and up to {@link #MAX_NEIGHBOURS} relations touching it, or empty if the entity does not exist. */
    public Optional<Neighbourhood> neighbours(String id) {
        return neighbours(id, ReadScope.system());
    }

    /**
     * The entity and up to {@link #MAX_NEIGHBOURS} relations touching it whose relation and far end
     * {@code scope} may read; empty if the entity does not exist or is not readable.
     */
    public Optional<Neighbourhood> neighbours(String id, ReadScope scope) {
        if (scope.readsNothing()) return Optional.empty();
        Optional<Neighbourhood.Node> centre = jdbc.sql("select id, type, caption from entity e where id = ? and " + scope.entityReadable("e.id")).param(id)
                .query((rs, n) -> new Neighbourhood.Node(rs.getString(1), EntityType.valueOf(rs.getString(2)), rs.getString(3)))
                .optional();
        if (centre.isEmpty()) return Optional.empty();
        Map<String, Neighbourhood.Node> nodes = new LinkedHashMap<>();
        nodes.put(id, centre.get());
        List<Neighbourhood.Link> links = new ArrayList<>();
        jdbc.sql("""
                        select e.relation_id, e.type, e.subject_id, e.object_id, o.id, o.type, o.caption
                        from edge e join entity o on o.id = case when e.subject_id = :id then e.object_id else e.subject_id end
                        where (e.subject_id = :id or e.object_id = :id)"""
                        + " and " + scope.entityReadable("e.relation_id") + " and " + scope.entityReadable("o.id")
                        + " order by e.type, o.caption, e.relation_id limit :limit")
                .param("id", id).param("limit", MAX_NEIGHBOURS)
                .query(rs -> {
                    links.add(new Neighbourhood.Link(rs.getString(1), EntityType.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)));
                    nodes.putIfAbsent(rs.getString(5),
                            new Neighbourhood.Node(rs.getString(5), EntityType.valueOf(rs.getString(6)), rs.getString(7)));
                });
        if (scope.allStatements()) return Optional.of(new Neighbourhood(id, List.copyOf(nodes.values()), links));
        Map<String, EntityType> types = new LinkedHashMap<>();
        nodes.values().forEach(n -> types.put(n.id(), n.type()));
        Map<String, String> captions = store.visibleCaptions(types, scope);
        return Optional.of(new Neighbourhood(id, nodes.values().stream()
                .map(n -> new Neighbourhood.Node(n.id(), n.type(), captions.getOrDefault(n.id(), ""))).toList(), links));
    }
}
