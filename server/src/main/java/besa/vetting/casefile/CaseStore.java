package besa.vetting.casefile;

import besa.vetting.casefile.CaseFile.AlertDecision;
import besa.vetting.casefile.CaseFile.Decision;
import besa.vetting.casefile.CaseFile.Evidence;
import besa.vetting.casefile.CaseFile.PillarView;
import besa.vetting.casefile.CaseFile.Summary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The case tables' rows (V90, V98). Callers hold the transaction through {@code VettingAccess}: the
 * row-level security then shows only cases of the user's compartments, never about himself, so a
 * case this class does not find is missing, not his, or his own, and nobody can tell which.
 */
@Repository
class CaseStore {
    private static final String SUMMARY = """
            select c.id, p.reference, c.officer_id, coalesce(o.given_name || ' ' || coalesce(o.father_name || ' ', '') || o.surname, c.officer_id),
                   c.status, c.outcome, c.opened_by, c.opened_at
            from vetting_case c join compartment p on p.id = c.compartment_id left join officer o on o.id = c.officer_id""";

    private final JdbcClient jdbc;

    CaseStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The cases the settings let the user see (his compartments), newest first. */
    List<Summary> list() {
        return jdbc.sql(SUMMARY + " order by c.opened_at desc, c.id desc").query(CaseStore::summary).list();
    }

    Optional<Summary> summary(long id) {
        return jdbc.sql(SUMMARY + " where c.id = ?").param(id).query(CaseStore::summary).optional();
    }

    /** Locks the case row for a change (findings and outcome are decided one at a time). */
    Optional<Summary> lock(long id) {
        return jdbc.sql(SUMMARY + " where c.id = ? for update of c").param(id).query(CaseStore::summary).optional();
    }

    long compartment(long id) {
        return jdbc.sql("select compartment_id from vetting_case where id = ?").param(id).query(Long.class).single();
    }

    List<PillarView> pillars(long id) {
        Map<Pillar, List<Evidence>> evidence = new EnumMap<>(Pillar.class);
        for (Pillar p : Pillar.values()) evidence.put(p, new ArrayList<>());
        jdbc.sql("""
                select id, pillar, kind, reference, title, sha256, coalesce(length(content), 0), added_by, added_at
                from vetting_evidence where case_id = ? order by added_at, id""").param(id)
                .query((ResultSet rs) -> {
                    Evidence e = new Evidence(rs.getLong(1), Pillar.valueOf(rs.getString(2)), EvidenceKind.valueOf(rs.getString(3)),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8), instant(rs, 9));
                    evidence.get(e.pillar()).add(e);
                });
        return jdbc.sql("select pillar, finding, reasoning, decided_by, decided_at from vetting_pillar where case_id = ?").param(id)
                .query((rs, n) -> {
                    Pillar p = Pillar.valueOf(rs.getString(1));
                    return new PillarView(p, rs.getString(2) == null ? null : PillarFinding.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getString(4), instant(rs, 5), evidence.get(p));
                }).list().stream().sorted(java.util.Comparator.comparing(PillarView::pillar)).toList();
    }

    /** The stored bytes of notes, files and the snapshots of alerts and entities, by evidence id. */
    Map<Long, byte[]> contents(long id) {
        Map<Long, byte[]> out = new java.util.HashMap<>();
        jdbc.sql("select id, content from vetting_evidence where case_id = ? and content is not null").param(id)
                .query((ResultSet rs) -> {
                    out.put(rs.getLong(1), rs.getBytes(2));
                });
        return out;
    }

    List<Decision> decisions(long id) {
        return jdbc.sql("select id, kind, pillar, verdict, reason, decided_by, decided_at from vetting_case_decision where case_id = ? order by decided_at, id")
                .param(id)
                .query((rs, n) -> new Decision(rs.getLong(1), rs.getString(2), rs.getString(3) == null ? null : Pillar.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getString(6), instant(rs, 7)))
                .list();
    }

    /** Decisions on the alerts linked as evidence (alert row security applies: never about the user). */
    List<AlertDecision> alertDecisions(long id) {
        return jdbc.sql("""
                select d.alert_id, d.factor_key, d.verdict, d.reason, d.decided_by, d.decided_at
                from vetting_decision d join vetting_alert a on a.id = d.alert_id
                where d.alert_id in (select e.reference::bigint from vetting_evidence e where e.case_id = ? and e.kind = 'ALERT')
                order by d.decided_at, d.id""").param(id)
                .query((rs, n) -> new AlertDecision(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        instant(rs, 6)))
                .list();
    }

    /** Outcome reason, closer, closing time. */
    Object[] closing(long id) {
        return jdbc.sql("select outcome_reason, closed_by, closed_at from vetting_case where id = ?").param(id)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), instant(rs, 3)}).single();
    }

    void history(long caseId, String kind, Pillar pillar, String verdict, String reason, String by) {
        jdbc.sql("insert into vetting_case_decision (case_id, kind, pillar, verdict, reason, decided_by) values (?, ?, ?, ?, ?, ?)")
                .params(caseId, kind, pillar == null ? null : pillar.name(), verdict, reason, by).update();
    }

    long addEvidence(long caseId, Pillar pillar, EvidenceKind kind, String reference, String title, byte[] content, String sha256, String by) {
        return jdbc.sql("""
                insert into vetting_evidence (case_id, pillar, kind, reference, title, content, sha256, added_by)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(caseId, pillar.name(), kind.name(), reference, title, content, sha256, by).query(Long.class).single();
    }

    private static Summary summary(ResultSet rs, int n) throws SQLException {
        return new Summary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6) == null ? null : Outcome.valueOf(rs.getString(6)), rs.getString(7), instant(rs, 8));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
