package besa.cli;

import static org.assertj.core.api.Assertions.assertThat;

import besa.access.ApiTokens;
import besa.access.Role;
import besa.access.TestTokens;
import besa.access.UserAccounts;
import besa.intel.ingest.Samples;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code besa import --server}: the CLI uploads through the REST API of a running server, with an API token, and follows the job. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServerImportTest {
    @LocalServerPort int port;
    @Autowired UserAccounts accounts;
    @Autowired ApiTokens tokens;
    @Autowired JdbcClient jdbc;
    @TempDir Path dir;

    @Test
    void importsThroughTheRunningServer() throws Exception {
        String run = Samples.run();
        String token = TestTokens.accountWithToken(accounts, tokens, "cli.analyst", Role.ANALYST);
        Path mapping = dir.resolve("m.yaml");
        Files.writeString(mapping, Samples.mappingYaml(run));
        Path rejects = dir.resolve("rejects.csv");
        StringWriter out = new StringWriter(), err = new StringWriter();

        int code = new ServerImport("http://127.0.0.1:" + port, token, new PrintWriter(out, true),
                new PrintWriter(err, true)).run(Samples.copy(dir, "persons-bad.csv"), mapping, false, true, rejects, Map.of());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("4 rows (2 imported, 2 rejected)");
        assertThat(err.toString()).contains("persons-bad.csv, row 3, column born:");
        assertThat(Files.readString(rejects)).contains("TNP-102").contains("TNP-103");
        assertThat(jdbc.sql("select count(distinct record_key) from statement where source_id = ?").param("tnp-extract-" + run)
                .query(Long.class).single()).isEqualTo(2);

        StringWriter err2 = new StringWriter();
        int refused = new ServerImport("http://127.0.0.1:" + port, token + "x", new PrintWriter(new StringWriter()),
                new PrintWriter(err2, true)).run(Samples.copy(dir, "persons.csv"), mapping, false, false, null, Map.of());
        assertThat(refused).isEqualTo(2);
        assertThat(err2.toString()).contains("HTTP 401");

        StringWriter err3 = new StringWriter();
        int noToken = new ServerImport("http://127.0.0.1:" + port, null, new PrintWriter(new StringWriter()), new PrintWriter(err3, true))
                .run(Samples.copy(dir, "persons.csv"), mapping, false, false, null, Map.of());
        assertThat(noToken).isEqualTo(2);
        assertThat(err3.toString()).contains("BESA_TOKEN");
    }
}
