package besa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import besa.audit.AuditAction;
import besa.audit.AuditCodec;
import besa.intel.ingest.Samples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine;

/** The CLI in-process: its own Spring context (no web server) on the test JVM's shared database. */
@SpringBootTest
class ImportCommandTest {
    @Autowired JdbcClient jdbc;
    @TempDir Path dir;

    @Test
    void importsACsvFileThenExportsItsSourceAsFtm() throws Exception {
        String run = Samples.run();
        Path mapping = dir.resolve("m.yaml");
        Files.writeString(mapping, Samples.mappingYaml(run));
        Path csv = Samples.copy(dir, "persons.csv");

        Run r = run("import", "--mapping", mapping.toString(), csv.toString());
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("persons.csv: 3 rows (3 imported, 0 rejected)");
        assertThat(jdbc.sql("select count(distinct record_key) from statement where source_id = ?").param("tnp-extract-" + run)
                .query(Long.class).single()).isEqualTo(3);

        Path out = dir.resolve("out.jsonl");
        Run e = run("export", "--ftm", "--source", "tnp-extract-" + run, out.toString(), "--reason", "Case 2026/17: to Europol");
        assertThat(e.code).as(e.err).isZero();
        assertThat(Files.readAllLines(out)).hasSize(12);
    }

    /** Offline import and export are in the audit trail, as the operating-system user, with the reason given. */
    @Test
    void offlineImportAndExportAreAuditedAndExportNeedsAReason() throws Exception {
        String run = Samples.run();
        Path mapping = dir.resolve("m.yaml");
        Files.writeString(mapping, Samples.mappingYaml(run));
        Path csv = Samples.copy(dir, "persons.csv");
        String actor = "os:" + System.getProperty("user.name");
        long before = jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();

        Run i = run("import", "--mapping", mapping.toString(), csv.toString(), "--reason", "Op. Dielli");
        assertThat(i.code).as(i.err).isZero();
        Path out = dir.resolve("out.jsonl");
        Run refused = run("export", "--ftm", "--source", "tnp-extract-" + run, out.toString());
        assertThat(refused.code).isNotZero();
        assertThat(refused.err).contains("--reason");
        assertThat(out).doesNotExist();
        Run e = run("export", "--ftm", "--source", "tnp-extract-" + run, out.toString(), "--reason", "Case 2026/17: to Europol");
        assertThat(e.code).as(e.err).isZero();

        var events = jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(before)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1)).event()).list().stream()
                .filter(ev -> ev.actor().equals(actor)).toList();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).action()).isEqualTo(AuditAction.COLLECTION);
        assertThat(events.get(0).target()).contains("persons.csv");
        assertThat(events.get(0).justification()).isEqualTo("Op. Dielli");
        assertThat(events.get(1).action()).isEqualTo(AuditAction.DISCLOSURE);
        assertThat(events.get(1).target()).contains("tnp-extract-" + run, "out.jsonl");
        assertThat(events.get(1).justification()).isEqualTo("Case 2026/17: to Europol");
        assertThat(events.get(1).recipient()).isEqualTo(actor);
    }

    @Test
    void badRowsAndBadMappingsEndWithAClearMessageAndNonZeroCode() throws Exception {
        String run = Samples.run();
        Path mapping = dir.resolve("m.yaml");
        Files.writeString(mapping, Samples.mappingYaml(run));
        Path rejects = dir.resolve("rejects.csv");

        Run bad = run("import", "--mapping", mapping.toString(), Samples.copy(dir, "persons-bad.csv").toString());
        assertThat(bad.code).isEqualTo(1);
        assertThat(bad.err).contains("persons-bad.csv, row 3, column born: '31.02.1991': not a date")
                .contains("nothing was imported (rolled back)");

        Run skip = run("import", "--mapping", mapping.toString(), "--skip-invalid", "--rejects", rejects.toString(),
                dir.resolve("persons-bad.csv").toString());
        assertThat(skip.code).isZero();
        assertThat(skip.out).contains("4 rows (2 imported, 2 rejected)");
        assertThat(Files.readAllLines(rejects)).hasSize(3);

        Path badMapping = dir.resolve("bad.yaml");
        Files.writeString(badMapping, Samples.text("mapping-bad.yaml"));
        Run m = run("import", "--mapping", badMapping.toString(), dir.resolve("persons-bad.csv").toString());
        assertThat(m.code).isEqualTo(2);
        assertThat(m.err).contains("cannot be used").contains("Phone has no property 'colour'");
    }

    @Test
    void saysToStopTheServerWhenItsDatabaseFolderIsInUse() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("postgres"));
        Files.writeString(data.resolve("postgres/postmaster.pid"), ProcessHandle.current().pid() + "\n/data\n");
        Path mapping = dir.resolve("m.yaml");
        Files.writeString(mapping, Samples.mappingYaml(Samples.run()));

        Run r = run("import", "--data-dir", data.toString(), "--mapping", mapping.toString(), Samples.copy(dir, "persons.csv").toString());
        assertThat(r.code).isEqualTo(3);
        assertThat(r.err).contains("is in use by a running Besa server").contains("--server http://localhost:8080 with an API token in BESA_TOKEN");
    }

    @Test
    void theIngestionBenchmarkGeneratesTheSameFileAndImportsIt() throws Exception {
        Path a = dir.resolve("a.csv"), b = dir.resolve("b.csv");
        IngestBenchCommand.generate(a, 500);
        IngestBenchCommand.generate(b, 500);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllLines(a)).hasSize(501);

        String source = "bench-test-" + Samples.run();
        Run r = run("bench", "ingest", "--rows", "500", "--source", source);
        assertThat(r.code).as(r.err).isZero();
        assertThat(r.out).contains("ingest: 500 CSV rows");
        assertThat(jdbc.sql("select count(distinct record_key) from statement where source_id = ?").param(source)
                .query(Long.class).single()).isEqualTo(500);
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = BesaCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
