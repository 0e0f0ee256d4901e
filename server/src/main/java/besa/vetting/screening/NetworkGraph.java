package besa.vetting.screening;

import besa.access.ReadScope;
import besa.intel.model.EntityType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The part of the intelligence graph network proximity walks, read set-based around given nodes with
 * the scope's conditions in the SQL: a link counts only if the relation is allowed, its subject and
 * object statements are readable, and the far end is readable. Links of membership and location are
 * not walked (membership marks the members; a place is not a contact), nor links to organisations,
 * addresses or events: a group, a street or a meeting would put everyone one hop from everyone.
 */
final class NetworkGraph {
    /** One relation between two entities, seen from {@code near}. */
    record Link(String relation, String type, String subject, String object, String near, String far, String farType) {}

    /** A member's membership of a group. */
    record Membership(String member, String relation, String group) {}

    static final List<String> NOT_WALKED_LINKS = List.of(EntityType.Membership.name(), EntityType.LocatedAt.name());
    static final List<String> NOT_WALKED_NODES = List.of(EntityType.Organization.name(), EntityType.Address.name(), EntityType.Event.name());

    private final JdbcClient jdbc;
    private final ReadScope scope;

    NetworkGraph(JdbcClient jdbc, ReadScope scope) {
        this.jdbc = jdbc;
        this.scope = scope;
    }

    /** Walkable links from these nodes; with {@code membersOnly}, only those whose far end is a member of a group. */
    List<Link> links(Collection<String> nodes, boolean membersOnly) {
        return links(nodes, membersOnly, null);
    }

    /** Walkable links from these nodes to any of {@code targets}. */
    List<Link> linksTo(Collection<String> nodes, Collection<String> targets) {
        return targets.isEmpty() ? List.of() : links(nodes, false, targets);
    }

    private List<Link> links(Collection<String> nodes, boolean membersOnly, Collection<String> targets) {
        if (nodes.isEmpty() || scope.readsNothing()) return List.of();
        String[] ids = nodes.toArray(String[]::new);
        List<Link> out = new ArrayList<>();
        for (boolean outgoing : new boolean[] {true, false}) {
            String nearCol = outgoing ? "subject_id" : "object_id", farCol = outgoing ? "object_id" : "subject_id";
            String sql = "select e.relation_id, e.type, e.subject_id, e.object_id, e." + nearCol + ", x.id, x.type"
                    + " from unnest(?::text[]) n(id) join edge e on e." + nearCol + " = n.id join entity x on x.id = e." + farCol
                    + " where e.type <> all(?::text[]) and x.type <> all(?::text[]) and " + linkReadable("e") + " and " + scope.entityReadable("x.id")
                    + (membersOnly ? " and x.type = 'Person' and exists (" + membershipSql("x.id") + ")" : "")
                    + (targets != null ? " and x.id = any(?::text[])" : "");
            List<Object> params = new ArrayList<>(List.of(ids, NOT_WALKED_LINKS.toArray(String[]::new), NOT_WALKED_NODES.toArray(String[]::new)));
            if (targets != null) params.add(targets.toArray(String[]::new));
            jdbc.sql(sql).params(params)
                    .query(rs -> {
                        out.add(new Link(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getString(7)));
                    });
        }
        return out;
    }

    /**
     * The identifier search keys (phone, IMEI, plate) of these nodes and of their direct neighbours: an
     * officer identifier a path through these nodes could start at has one of them. Only narrows.
     */
    Set<besa.intel.model.SearchKey> identifierKeysAround(Collection<String> nodes) {
        Set<besa.intel.model.SearchKey> out = new HashSet<>();
        if (nodes.isEmpty()) return out;
        String[] ids = nodes.toArray(String[]::new);
        jdbc.sql("""
                select sk.kind, sk.key from (
                    select n.id from unnest(?::text[]) n(id)
                    union select e.object_id from unnest(?::text[]) n(id) join edge e on e.subject_id = n.id
                    union select e.subject_id from unnest(?::text[]) n(id) join edge e on e.object_id = n.id) x
                join entity t on t.id = x.id and t.type in ('Phone', 'Device', 'Vehicle')
                join search_key sk on sk.entity_id = x.id and sk.kind in ('phone', 'imei', 'id')""")
                .params(ids, ids, ids).query(rs -> {
                    out.add(new besa.intel.model.SearchKey(rs.getString(1), rs.getString(2)));
                });
        return out;
    }

    /** The memberships (of readable groups, through readable relations) of these persons. */
    List<Membership> memberships(Collection<String> persons) {
        if (persons.isEmpty() || scope.readsNothing()) return List.of();
        String sql = "select m.subject_id, m.relation_id, g.id from unnest(?::text[]) p(id)"
                + " join entity pe on pe.id = p.id and pe.type = 'Person'"
                + " join edge m on m.subject_id = p.id and m.type = 'Membership'"
                + " join entity g on g.id = m.object_id and g.type = 'Organization'"
                + " where " + linkReadable("m") + " and " + scope.entityReadable("g.id") + " order by 1, 3, 2";
        return jdbc.sql(sql).param(persons.toArray(String[]::new))
                .query((rs, n) -> new Membership(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** The largest readable {@code count} of each of these Communication relations (absent: unknown). */
    Map<String, Long> communicationCounts(Collection<String> relations) {
        Map<String, Long> out = new HashMap<>();
        if (relations.isEmpty()) return out;
        String sql = "select s.entity_id, s.value from statement s where s.entity_id = any(?) and s.prop = 'count' and s.retired_at is null and "
                + scope.statementVisible("s");
        jdbc.sql(sql).param(relations.toArray(String[]::new)).query(rs -> {
            try {
                long n = new BigDecimal(rs.getString(2)).longValue();
                out.merge(rs.getString(1), n, Math::max);
            } catch (NumberFormatException e) {
                // a count that is not a number says nothing
            }
        });
        return out;
    }

    /** Types of these entities. */
    Map<String, EntityType> types(Collection<String> ids) {
        Map<String, EntityType> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        jdbc.sql("select id, type from entity where id = any(?)").param(ids.toArray(String[]::new))
                .query(rs -> {
                    out.put(rs.getString(1), EntityType.valueOf(rs.getString(2)));
                });
        return out;
    }

    /**
     * The nodes a path through one of these changed entities would pass: changed persons, phones,
     * devices, accounts, vehicles; both ends of a changed walkable relation; the member of a changed
     * membership; the members of a changed group. Only narrows the search: the walk applies the scope.
     */
    Set<String> touchedNodes(Collection<String> changed) {
        Set<String> out = new HashSet<>();
        if (changed.isEmpty()) return out;
        String[] ids = changed.toArray(String[]::new);
        List<String> groups = new ArrayList<>();
        jdbc.sql("select id, type from entity where id = any(?)").param(ids).query(rs -> {
            EntityType t = EntityType.valueOf(rs.getString(2));
            if (t == EntityType.Organization) groups.add(rs.getString(1));
            else if (!t.isRelation() && !NOT_WALKED_NODES.contains(t.name())) out.add(rs.getString(1));
        });
        jdbc.sql("""
                select e.type, e.subject_id, s.type, e.object_id, o.type from edge e
                join entity s on s.id = e.subject_id join entity o on o.id = e.object_id
                where e.relation_id = any(?)""").param(ids).query(rs -> {
            String type = rs.getString(1);
            if (type.equals(EntityType.Membership.name())) {
                out.add(rs.getString(2));
            } else if (!NOT_WALKED_LINKS.contains(type)) {
                if (!NOT_WALKED_NODES.contains(rs.getString(3))) out.add(rs.getString(2));
                if (!NOT_WALKED_NODES.contains(rs.getString(5))) out.add(rs.getString(4));
            }
        });
        if (!groups.isEmpty()) {
            out.addAll(jdbc.sql("select subject_id from edge where type = 'Membership' and object_id = any(?)")
                    .param(groups.toArray(String[]::new)).query(String.class).list());
        }
        return out;
    }

    /** SQL: a relation's edge may be used: the relation is allowed and its subject and object statements are readable. */
    String linkReadable(String alias) {
        return linkReadable(scope, alias);
    }

    /** As {@link #linkReadable(String)}, for any scope (co-location reads location events the same way). */
    static String linkReadable(ReadScope scope, String alias) {
        String allowed = scope.entityAllowed(alias + ".relation_id");
        if (scope.allStatements()) return allowed;
        return "(" + allowed + " and " + endReadable(scope, alias, "subject") + " and " + endReadable(scope, alias, "object") + ")";
    }

    private static String endReadable(ReadScope scope, String alias, String end) {
        return "exists (select 1 from statement ls where ls.entity_id = " + alias + ".relation_id and ls.prop = '" + end + "' and ls.value = "
                + alias + "." + end + "_id and ls.retired_at is null and " + scope.statementVisible("ls") + ")";
    }

    /** SQL: the person {@code personExpr} is a member of a readable group through a readable relation. */
    private String membershipSql(String personExpr) {
        return "select 1 from edge m join entity g on g.id = m.object_id and g.type = 'Organization' where m.subject_id = " + personExpr
                + " and m.type = 'Membership' and " + linkReadable("m") + " and " + scope.entityReadable("g.id");
    }
}
