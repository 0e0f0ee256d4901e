package besa.vetting.insider;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The insider-watch queue: INSIDER alerts, open ones first by score, with the rules of their active
 * factors. Read inside {@code VettingAccess.read}: row-level security leaves out alerts about the
 * reader himself (by officer id or by username).
 */
@Repository
public class InsiderQueue {
    private final JdbcClient jdbc;

    InsiderQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Item(long id, String username, String officerId, String status, double score, List<String> rules, int factors,
                       Instant updatedAt) {}

    /** Open alerts (NEW, ASSIGNED, ESCALATED), or all with {@code all}; at most {@code limit}. */
    public List<Item> list(boolean all, int limit) {
        return jdbc.sql("""
                select a.id, a.username, a.officer_id, a.status, a.score, a.updated_at,
                       coalesce((select array_agg(distinct f.evidence ->> 'rule') from vetting_factor f where f.alert_id = a.id and f.active), '{}'),
                       (select count(*) from vetting_factor f where f.alert_id = a.id and f.active)
                from vetting_alert a
                where a.origin = 'INSIDER' and (? or a.status <> 'DISMISSED')
                order by a.status = 'DISMISSED', a.score desc, a.updated_at desc, a.id
                limit ?""")
                .params(all, limit)
                .query((rs, n) -> new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5),
                        Arrays.asList((String[]) rs.getArray(7).getArray()), rs.getInt(8), rs.getTimestamp(6).toInstant()))
                .list();
    }
}
