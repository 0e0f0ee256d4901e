package besa.exchange.format;

import static besa.access.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.AccessProfiles;
import besa.access.ApiTokens;
import besa.access.Role;
import besa.access.TestTokens;
import besa.access.UserAccounts;
import besa.audit.AuditAction;
import besa.audit.AuditCodec;
import besa.audit.RecordedEvent;
import besa.cli.BesaCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/** The API with real accounts: who may import, what a user without H3 clearance exports, the signed package and its verifier. */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FormatsApiTest {
    @Autowired MockMvc mvc;
    @Autowired UserAccounts accounts;
    @Autowired ApiTokens tokens;
    @Autowired AccessProfiles profiles;
    @Autowired JdbcClient jdbc;
    @TempDir Path dir;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String source = "stix-api-" + run;
    String analyst, low, auditor;

    @BeforeAll
    void seed() throws Exception {
        analyst = TestTokens.accountWithToken(accounts, tokens, "stix.analyst." + run, Role.ANALYST);
        profiles.setClearance("stix.analyst." + run, 3);
        // Export packages go to partners: a liaison officer's work (he reads like an analyst).
        low = TestTokens.accountWithToken(accounts, tokens, "stix.low." + run, Role.ANALYST, Role.LIAISON_OFFICER);
        profiles.setClearance("stix.low." + run, 2);
        auditor = TestTokens.accountWithToken(accounts, tokens, "stix.auditor." + run, Role.AUDITOR);
        long before = auditSize();
        mvc.perform(importStix(analyst, StixFormatTest.sample()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entities").value(15))
                .andExpect(jsonPath("$.skipped.length()").value(2));
        assertThat(auditSince(before)).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo(AuditAction.COLLECTION);
            assertThat(e.event().actor()).isEqualTo("stix.analyst." + run);
            assertThat(e.event().target()).contains(source);
        });
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder importStix(String token, byte[] bundle) {
        return importStix(token, bundle, source);
    }

    private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder importStix(String token, byte[] bundle, String source) {
        return post("/api/exchange/stix").contentType("application/json").content(bundle).param("source", source)
                .param("legalBasis", "Law 2/2017 art. 11").param("originator", "AKCESK (CERT.al)").param("reliability", "B").with(bearer(token));
    }

    @Test
    void onlyCollectingRolesImportAndBadBundlesGetProblemDetails() throws Exception {
        mvc.perform(importStix(auditor, StixFormatTest.sample()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        // A user cleared to H2 cannot import the sample's TLP:RED objects: refused, naming the object, nothing stored.
        mvc.perform(importStix(low, StixFormatTest.sample(), "stix-api-low-" + run))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems[0].id").value(StixFormatTest.IND_FILE))
                .andExpect(jsonPath("$.problems[0].reason").value("handling code H3 is above your clearance (H2)"));
        assertThat(jdbc.sql("select count(*) from source where id = ?").param("stix-api-low-" + run).query(Long.class).single()).isZero();
        String bad = "{\"type\":\"bundle\",\"id\":\"bundle--" + UUID.randomUUID() + "\",\"objects\":[{\"type\":\"indicator\",\"spec_version\":\"2.1\","
                + "\"id\":\"indicator--" + UUID.randomUUID() + "\",\"created\":\"2026-01-01T00:00:00Z\",\"modified\":\"2026-01-01T00:00:00Z\","
                + "\"pattern_type\":\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\"}]}";
        mvc.perform(importStix(analyst, bad.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.title").value("The STIX bundle cannot be imported"))
                .andExpect(jsonPath("$.problems[0].index").value(0))
                .andExpect(jsonPath("$.problems[0].field").value("pattern"))
                .andExpect(jsonPath("$.problems[0].reason").value("required"));
    }

    @Test
    void aUserWithoutH3ClearanceExportsNoH3AndTheExportIsAudited() throws Exception {
        long before = auditSize();
        Map<String, JsonNode> lowSees = objects(mvc.perform(get("/api/exchange/stix").param("source", source).param("reason", "CERT sharing 2026/12")
                .with(bearer(low))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
        Map<String, JsonNode> analystSees = objects(mvc.perform(get("/api/exchange/stix").param("source", source).param("reason", "CERT sharing")
                .with(bearer(analyst))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray());
        assertThat(analystSees).containsKeys(StixFormatTest.IND_FILE, StixFormatTest.FILE, StixFormatTest.IND_IP);
        assertThat(lowSees).containsKey(StixFormatTest.IND_IP).doesNotContainKeys(StixFormatTest.IND_FILE, StixFormatTest.FILE);
        assertThat(lowSees.values()).noneSatisfy(o -> assertThat(o.path("object_marking_refs").toString()).contains("e828b379"));
        assertThat(auditSince(before)).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo(AuditAction.EXPORT);
            assertThat(e.event().actor()).isEqualTo("stix.low." + run);
            assertThat(e.event().justification()).isEqualTo("CERT sharing 2026/12");
        });
        mvc.perform(get("/api/exchange/stix").param("source", "no-such-" + run).param("reason", "x").with(bearer(low)))
                .andExpect(status().isNotFound());
    }

    @Test
    void aSignedPackageVerifiesAndAnyChangedByteIsFoundNamingTheFile() throws Exception {
        long before = auditSize();
        byte[] zip = mvc.perform(post("/api/exchange/packages").contentType("application/json").header("X-Besa-Justification", "CASE 2026/0999")
                .content("{\"source\":\"" + source + "\",\"recipient\":\"CERT-RO\",\"legalBasis\":\"Budapest Convention art. 26\",\"reason\":\"joint phishing case\"}")
                .with(bearer(low))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        Path file = dir.resolve("package.zip");
        Files.write(file, zip);
        PackageVerifier.Report ok = PackageVerifier.verify(file, null);
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.found()).anySatisfy(l -> assertThat(l).contains("for CERT-RO").contains("Budapest Convention"))
                .anySatisfy(l -> assertThat(l).startsWith("handling codes: H0, H1, H2"))  // no H3 for this user
                .anySatisfy(l -> assertThat(l).startsWith("data/indicators.stix.json").contains("SHA-256 matches"))
                .anySatisfy(l -> assertThat(l).startsWith("data/entities.ftm.jsonl").contains("SHA-256 matches"));
        assertThat(auditSince(before)).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo(AuditAction.DISCLOSURE);
            assertThat(e.event().recipient()).isEqualTo("CERT-RO");
            assertThat(e.event().justification()).isEqualTo("joint phishing case");
        });

        // One changed byte in any file of the package: refused, naming that file.
        Map<String, byte[]> entries = unzip(zip);
        for (String name : entries.keySet()) {
            Map<String, byte[]> changed = new LinkedHashMap<>(entries);
            byte[] b = changed.get(name).clone();
            int at = b.length / 2;
            b[at] = (byte) (b[at] == 'A' ? 'B' : 'A');
            changed.put(name, b);
            Path bad = dir.resolve("changed-" + name.replace('/', '_') + ".zip");
            Files.write(bad, zip(changed));
            PackageVerifier.Report r = PackageVerifier.verify(bad, null);
            assertThat(r.valid()).as(name).isFalse();
            assertThat(r.problems()).as(name).anySatisfy(p -> assertThat(p).contains(name));
        }
        // A byte flipped in the ZIP itself (no rebuilding) is refused too.
        byte[] flipped = zip.clone();
        flipped[flipped.length / 3] ^= 0x01;
        Path raw = dir.resolve("flipped.zip");
        Files.write(raw, flipped);
        assertThat(PackageVerifier.verify(raw, null).valid()).isFalse();

        // The command line, offline: exit 0 for the package, 1 for a changed one, with the file named.
        assertThat(cli(file.toString())).startsWith("0|").contains("VALID: package.zip");
        String manifestChanged = dir.resolve("changed-manifest.json.zip").toString();
        assertThat(cli(manifestChanged)).startsWith("1|").contains("INVALID manifest.json");
    }

    private static String cli(String path) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cl = BesaCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("verify-package", path);
        return code + "|" + out + err;
    }

    private static Map<String, JsonNode> objects(byte[] bundle) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        StixReader.JSON.readTree(bundle).path("objects").values().forEach(o -> m.put(o.path("id").asString(), o));
        return m;
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) m.put(e.getName(), in.readAllBytes());
        }
        return m;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(b)) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return b.toByteArray();
    }

    long auditSize() {
        return jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();
    }

    List<RecordedEvent> auditSince(long from) {
        return jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(from)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1))).list();
    }
}
