package besa.vetting.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alerts' rows for the vetting unit's pages. Callers hold the transaction (through
 * {@code VettingAccess}); every query starts from {@code vetting_alert}, whose row-level security hides
 * alerts about the reader, so factors and decisions (which carry no policy of their own) are only ever
 * read or written through an alert the reader may see. Insider alerts about the reader's own account are
 * left out here as well ({@code me}).
 */
@Repository
public class AlertStore {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final String ROW = """
            select a.id, a.origin, a.officer_id, o.given_name, o.father_name, o.surname, o.unit, a.username, a.status, a.score,
                   a.assignee, a.created_at, a.updated_at
            from vetting_alert a left join officer o on o.id = a.officer_id
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    AlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One page of the queue, sorted by score (highest first) then age (oldest first), each with its top 3 active factors. */
    public AlertPage list(AlertQuery q, String me) {
        Map<String, Object> p = new HashMap<>();
        String where = where(q, me, p);
        long total = jdbc.sql("select count(*) from vetting_alert a " + where).params(p).query(Long.class).single();
        p.put("limit", q.size());
        p.put("offset", (long) q.page() * q.size());
        List<AlertRow> rows = jdbc.sql(ROW + where + " order by a.score desc, a.created_at, a.id limit :limit offset :offset")
                .params(p).query(this::row).list();
        if (rows.isEmpty()) return new AlertPage(rows, total, q.page(), q.size());
        Map<Long, List<Factor>> top = new HashMap<>();
        jdbc.sql("""
                        select alert_id, key, kind, weight, summary_sq, summary_en, active, evidence, first_seen, last_seen from (
                            select f.*, row_number() over (partition by f.alert_id order by f.weight desc, f.key) as n
                            from vetting_factor f join vetting_alert a on a.id = f.alert_id
                            where f.alert_id = any(string_to_array(:ids, ',')::bigint[]) and f.active) t
                        where n <= 3 order by alert_id, n""")
                .param("ids", rows.stream().map(r -> Long.toString(r.id())).collect(java.util.stream.Collectors.joining(",")))
                .query((ResultSet rs) -> {
                    top.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(factor(rs, 2));
                });
        return new AlertPage(rows.stream().map(r -> r.withFactors(top.getOrDefault(r.id(), List.of()))).toList(), total, q.page(), q.size());
    }

    private static String where(AlertQuery q, String me, Map<String, Object> p) {
        StringBuilder w = new StringBuilder("where a.status = any(string_to_array(:statuses, ',')) and (a.username is null or a.username <> :me)");
        p.put("statuses", q.statuses().stream().map(Enum::name).collect(java.util.stream.Collectors.joining(",")));
        p.put("me", me);
        if (q.assignee() != null) {
            if (q.assignee().equals(AlertQuery.NOBODY)) {
                w.append(" and a.assignee is null");
            } else {
                w.append(" and a.assignee = :assignee");
                p.put("assignee", q.assignee().equals(AlertQuery.MINE) ? me : q.assignee());
            }
        }
        if (q.origin() != null) {
            w.append(" and a.origin = :origin");
            p.put("origin", q.origin().name());
        }
        if (q.minScore() != null) {
            w.append(" and a.score >= :min");
            p.put("min", q.minScore());
        }
        if (q.officerId() != null) {
            w.append(" and a.officer_id = :officer");
            p.put("officer", q.officerId());
        }
        return w.append(' ').toString();
    }

    /** The alert with everything about it, if the reader may see it. */
    public Optional<AlertDetail> detail(long id, String me) {
        Optional<AlertRow> found = find(id, me, false);
        if (found.isEmpty()) return Optional.empty();
        AlertRow row = found.get();
        AlertDetail.OfficerSummary officer = row.officerId() == null ? null : jdbc.sql("""
                        select id, given_name, father_name, surname, birth_date, unit, rank, active from officer where id = ?""")
                .param(row.officerId())
                .query((rs, n) -> new AlertDetail.OfficerSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8)))
                .optional().orElse(null);
        String userName = row.userName() == null ? null
                : jdbc.sql("select display_name from app_user where username = ?").param(row.userName()).query(String.class).optional().orElse(null);
        Object[] dismissal = jdbc.sql("select dismissed_by, dismissed_at, dismiss_reason from vetting_alert where id = ?").param(id)
                .query((rs, n) -> new Object[] {rs.getString(1), instant(rs.getTimestamp(2)), rs.getString(3)}).single();
        List<Factor> factors = jdbc.sql("""
                        select key, kind, weight, summary_sq, summary_en, active, evidence, first_seen, last_seen
                        from vetting_factor where alert_id = ? order by active desc, weight desc, key""")
                .param(id).query((rs, n) -> factor(rs, 1)).list();
        List<Decision> decisions = jdbc.sql("""
                        select id, factor_key, verdict, reason, decided_by, decided_at from vetting_decision
                        where alert_id = ? order by decided_at, id""")
                .param(id).query((rs, n) -> new Decision(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        instant(rs.getTimestamp(6))))
                .list();
        List<Factor> top = factors.stream().filter(Factor::active).limit(3).toList();
        return Optional.of(new AlertDetail(row.withFactors(top), officer, userName, (String) dismissal[0], (Instant) dismissal[1],
                (String) dismissal[2], factors, decisions));
    }

    /** The alert's row, optionally locked for an update; empty when missing or not the reader's to see. */
    public Optional<AlertRow> find(long id, String me, boolean lock) {
        return jdbc.sql(ROW + " where a.id = :id and (a.username is null or a.username <> :me)" + (lock ? " for update of a" : ""))
                .param("id", id).param("me", me).query(this::row).optional();
    }

    /** Whether the alert's factor with this key exists (active or not). */
    public boolean hasFactor(long alertId, String key) {
        return jdbc.sql("select exists (select 1 from vetting_factor where alert_id = ? and key = ?)").params(alertId, key)
                .query(Boolean.class).single();
    }

    /**
     * Whether the alert exists and is about this officer or account. Only for the application's own
     * scope (the reader's scope cannot see such rows), to tell a subject's reach for his own alert apart
     * from a missing id in the audit trail.
     */
    public boolean isAbout(long id, String officerId, String username) {
        return jdbc.sql("select exists (select 1 from vetting_alert where id = ? and ((officer_id is not null and upper(btrim(officer_id)) = upper(btrim(?))) or username = ?))")
                .params(id, officerId == null ? "" : officerId, username == null ? "" : username).query(Boolean.class).single();
    }

    /**
     * The rule for who may be given vetting work (an alert, a seat on a case), as a condition on
     * {@code app_user}: an enabled person (no service account), not suspended, a vetting officer whose
     * own vetting is cleared, whose account names his officer id, and who is not himself the subject of
     * vetting work that suspends him (V173/V181): the same bar as {@code DefaultAccessPolicy}'s. Callers
     * add "never the subject".
     */
    public static final String MAY_DO_VETTING_WORK = """
            enabled and not service and 'VETTING_OFFICER' = any(roles) and vetting_status = 'CLEARED'
              and (suspended_until is null or suspended_until < now())
              and btrim(coalesce(officer_id, '')) <> '' and not besa_vetting_suspended(username, officer_id)""";

    /** A vetting officer an alert may go to. */
    public record Assignee(String username, String displayName) {}

    /**
     * The users an alert may be assigned to: enabled, not suspended, vetting officers whose own vetting is
     * cleared, and never the alert's subject (by officer link or by account).
     */
    public List<Assignee> assignable(AlertRow alert) {
        return jdbc.sql("""
                        select username, display_name from app_user
                        where """ + " " + MAY_DO_VETTING_WORK + """
                          and (officer_id is null or upper(btrim(officer_id)) <> upper(btrim(:officer))) and username <> :user
                        order by display_name, username""")
                .param("officer", alert.officerId() == null ? "" : alert.officerId())
                .param("user", alert.userName() == null ? "" : alert.userName())
                .query((rs, n) -> new Assignee(rs.getString(1), rs.getString(2))).list();
    }

    /** Every user who may take alerts at all (for the queue's assignee filter). */
    public List<Assignee> vettingOfficers() {
        return jdbc.sql("""
                        select username, display_name from app_user
                        where enabled and not service and 'VETTING_OFFICER' = any(roles) and vetting_status = 'CLEARED'
                        order by display_name, username""")
                .query((rs, n) -> new Assignee(rs.getString(1), rs.getString(2))).list();
    }

    /** What an assignment needs to know of an account: the officer it is. */
    public record Account(String username, String officerId) {}

    public Optional<Account> account(String username) {
        return jdbc.sql("select username, officer_id from app_user where username = ?").param(username)
                .query((rs, n) -> new Account(rs.getString(1), rs.getString(2))).optional();
    }

    public void assign(long id, String assignee) {
        jdbc.sql("update vetting_alert set assignee = ?, status = 'ASSIGNED', updated_at = now() where id = ?").params(assignee, id).update();
    }

    public void dismiss(long id, String by, String reason) {
        jdbc.sql("""
                update vetting_alert set status = 'DISMISSED', assignee = coalesce(assignee, ?), dismissed_by = ?, dismissed_at = now(),
                                         dismiss_reason = ?, updated_at = now()
                where id = ?""").params(by, by, reason, id).update();
    }

    public void touch(long id) {
        jdbc.sql("update vetting_alert set updated_at = now() where id = ?").param(id).update();
    }

    public Decision record(long alertId, String factorKey, String verdict, String reason, String by) {
        return jdbc.sql("""
                        insert into vetting_decision (alert_id, factor_key, verdict, reason, decided_by) values (?, ?, ?, ?, ?)
                        returning id, factor_key, verdict, reason, decided_by, decided_at""")
                .params(alertId, factorKey, verdict, reason, by)
                .query((rs, n) -> new Decision(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        instant(rs.getTimestamp(6))))
                .single();
    }

    private AlertRow row(ResultSet rs, int n) throws SQLException {
        String given = rs.getString(4);
        String father = rs.getString(5);
        String surname = rs.getString(6);
        String name = given == null ? null : father == null || father.isBlank() ? given + " " + surname : given + " " + father + " " + surname;
        return new AlertRow(rs.getLong(1), rs.getString(2), rs.getString(3), name, rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getDouble(10), rs.getString(11), instant(rs.getTimestamp(12)), instant(rs.getTimestamp(13)), List.of());
    }

    /** A factor from columns key, kind, weight, summary_sq, summary_en, active, evidence, first_seen, last_seen starting at {@code at}. */
    private Factor factor(ResultSet rs, int at) throws SQLException {
        return new Factor(rs.getString(at), rs.getString(at + 1), rs.getDouble(at + 2), rs.getString(at + 3), rs.getString(at + 4),
                rs.getBoolean(at + 5), evidence(rs.getString(at + 6)), instant(rs.getTimestamp(at + 7)), instant(rs.getTimestamp(at + 8)));
    }

    private Map<String, Object> evidence(String text) {
        if (text == null) return Map.of();
        Map<String, Object> m = json.readValue(text, MAP);
        return m == null ? Map.of() : new LinkedHashMap<>(m);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
