package besa.intel.search;

import besa.intel.model.EntityType;
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

    public EntityCatalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Entities, optionally of one type and with at least one active statement from one source, by caption. */
    public Page<EntitySummary> entities(EntityType type, String source, int page, int size) {
        Page.check(page, size);
        String where = " where true"
                + (type == null ? "" : " and e.type = :type")
                + (source == null ? "" : " and exists (select 1 from statement s where s.entity_id = e.id"
                        + " and s.source_id = :source and s.retired_at is null)");
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
        return new Page<>(items, total, page, size);
    }

    public Page<SourceSummary> sources(int page, int size) {
        Page.check(page, size);
        long total = jdbc.sql("select count(*) from source").query(Long.class).single();
        List<SourceSummary> items = jdbc.sql("""
                        select s.id, s.title, s.originator, s.legal_basis,
                               (select count(*) from statement t where t.source_id = s.id and t.retired_at is null)
                        from source s order by s.id limit ? offset ?""")
                .params(size, (long) page * size)
                .query((rs, n) -> new SourceSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
                .list();
        return new Page<>(items, total, page, size);
    }

    /** The entity and up to {@link #MAX_NEIGHBOURS} relations touching it, or empty if the entity does not exist. */
    public Optional<Neighbourhood> neighbours(String id) {
        Optional<Neighbourhood.Node> centre = jdbc.sql("select id, type, caption from entity where id = ?").param(id)
                .query((rs, n) -> new Neighbourhood.Node(rs.getString(1), EntityType.valueOf(rs.getString(2)), rs.getString(3)))
                .optional();
        if (centre.isEmpty()) return Optional.empty();
        Map<String, Neighbourhood.Node> nodes = new LinkedHashMap<>();
        nodes.put(id, centre.get());
        List<Neighbourhood.Link> links = new ArrayList<>();
        jdbc.sql("""
                        select e.relation_id, e.type, e.subject_id, e.object_id, o.id, o.type, o.caption
                        from edge e join entity o on o.id = case when e.subject_id = :id then e.object_id else e.subject_id end
                        where e.subject_id = :id or e.object_id = :id
                        order by e.type, o.caption, e.relation_id limit :limit""")
                .param("id", id).param("limit", MAX_NEIGHBOURS)
                .query(rs -> {
                    links.add(new Neighbourhood.Link(rs.getString(1), EntityType.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)));
                    nodes.putIfAbsent(rs.getString(5),
                            new Neighbourhood.Node(rs.getString(5), EntityType.valueOf(rs.getString(6)), rs.getString(7)));
                });
        return Optional.of(new Neighbourhood(id, List.copyOf(nodes.values()), links));
    }
}
