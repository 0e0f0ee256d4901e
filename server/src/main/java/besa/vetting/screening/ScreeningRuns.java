package besa.vetting.screening;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The history of screening runs (V93). Callers hold the transaction (through {@code VettingAccess}). */
@Repository
public class ScreeningRuns {
    private final JdbcClient jdbc;

    ScreeningRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One run as the history shows it; {@code finishedAt} null while running, {@code error} null when it went well. */
    public record Run(long id, String kind, String requestedBy, Instant startedAt, Instant finishedAt, int officers, long entities, int findings,
            int alertsCreated, int alertsUpdated, int alertsReopened, String error) {
        public Long millis() {
            return finishedAt == null ? null : finishedAt.toEpochMilli() - startedAt.toEpochMilli();
        }
    }

    long record(String kind, String requestedBy, Instant started, Instant finished, Screening.RunReport r, String error) {
        return jdbc.sql("""
                insert into screening_run (kind, requested_by, started_at, finished_at, officers, entities, findings,
                    alerts_created, alerts_updated, alerts_reopened, error)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(kind, requestedBy, Timestamp.from(started), Timestamp.from(finished), r == null ? 0 : r.officers(), r == null ? 0 : r.entities(),
                        r == null ? 0 : r.findings(), r == null ? 0 : r.alertsCreated(), r == null ? 0 : r.alertsUpdated(),
                        r == null ? 0 : r.alertsReopened(), error)
                .query(Long.class).single();
    }

    /** The latest runs, newest first. */
    public List<Run> recent(int limit) {
        return jdbc.sql("""
                select id, kind, requested_by, started_at, finished_at, officers, entities, findings, alerts_created, alerts_updated,
                       alerts_reopened, error
                from screening_run order by started_at desc, id desc limit ?""")
                .param(limit)
                .query((rs, n) -> new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant(), rs.getInt(6), rs.getLong(7), rs.getInt(8), rs.getInt(9),
                        rs.getInt(10), rs.getInt(11), rs.getString(12)))
                .list();
    }
}
