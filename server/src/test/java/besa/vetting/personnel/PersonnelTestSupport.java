package besa.vetting.personnel;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import besa.audit.AuditCodec;
import besa.audit.RecordedEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Shared bits of the personnel and lead tests: example files, unique ids, the audit trail. */
final class PersonnelTestSupport {
    private PersonnelTestSupport() {}

    /** A file of docs/examples (tests run in server/). */
    static String example(String name) throws IOException {
        Path p = Path.of("../docs/examples", name);
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static MockHttpServletRequestBuilder importCsv(String kind, String csv) {
        return post("/api/vetting/personnel/import").param("kind", kind).contentType("text/csv").content(csv.getBytes(StandardCharsets.UTF_8));
    }

    static long trailSize(JdbcClient jdbc) {
        return jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();
    }

    static List<RecordedEvent> trailSince(JdbcClient jdbc, long from) {
        return jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(from)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1))).list();
    }
}
