package besa.vetting.screening;

import besa.access.ReadScope;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which intelligence entities are members of a group, or one relation away from a member (a phone
 * in a member's contacts, a car he owns): the link that makes an identifier hit weigh more. Only
 * relations, members and groups the vetting unit may read count. Meant for the few entities a
 * detector already found, not for scanning.
 */
final class CriminalLinks {
    private CriminalLinks() {}

    /** How an entity reaches a group: through the member (the entity itself when it is the member). */
    record Link(String memberId, String memberCaption, String groupId, String groupCaption) {}

    static Map<String, Link> of(JdbcClient jdbc, ReadScope scope, Collection<String> entityIds) {
        Map<String, Link> out = new HashMap<>();
        if (entityIds.isEmpty()) return out;
        String sql = """
                select c.id, m.subject_id, ms.caption, m.object_id, mo.caption
                from unnest(?::text[]) c(id)
                join lateral (
                    select * from (
                        select mem.subject_id, mem.object_id, 0 as hops from edge mem
                        where mem.type = 'Membership' and mem.subject_id = c.id and READ(mem.relation_id)
                        union all
                        select mem.subject_id, mem.object_id, 1 from edge x
                        join edge mem on mem.type = 'Membership'
                            and mem.subject_id = case when x.subject_id = c.id then x.object_id else x.subject_id end
                        where (x.subject_id = c.id or x.object_id = c.id) and x.type <> 'Membership'
                          and READ(x.relation_id) and READ(mem.relation_id)) z
                    where READ(z.subject_id) and READ(z.object_id)
                    order by hops, subject_id, object_id limit 1) m on true
                join entity ms on ms.id = m.subject_id
                join entity mo on mo.id = m.object_id"""
                .replace("READ(mem.relation_id)", scope.entityReadable("mem.relation_id"))
                .replace("READ(x.relation_id)", scope.entityReadable("x.relation_id"))
                .replace("READ(z.subject_id)", scope.entityReadable("z.subject_id"))
                .replace("READ(z.object_id)", scope.entityReadable("z.object_id"));
        jdbc.sql(sql).param(entityIds.toArray(String[]::new)).query((rs, n) -> {
            out.put(rs.getString(1), new Link(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            return null;
        }).list();
        return out;
    }
}
