package besa.audit;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads back what the trail holds, for assertions. */
final class AuditTestSupport {
    private AuditTestSupport() {}

    static long size(JdbcClient jdbc) {
        return jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();
    }

    static List<RecordedEvent> since(JdbcClient jdbc, long from) {
        List<RecordedEvent> events = new ArrayList<>();
        jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(from)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1))).list().forEach(events::add);
        return events;
    }
}
