package besa.vetting.casefile;

import static besa.access.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
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
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import besa.vetting.VettingAccess;
import besa.vetting.alert.AlertWriter;
import besa.vetting.personnel.PersonnelRegister;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case API with API tokens: a case carried through the REST endpoints to its evidence export
 * (every hash recomputed, the PDF's text read back), problem details for bad input, the 404 for
 * those who may not see a case, and the assignability question with its roles.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CaseApiTest {
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired VettingAccess access;
    @Autowired PersonnelRegister personnel;
    @Autowired AlertWriter alerts;
    @Autowired AccessProfiles profiles;
    @Autowired UserAccounts accounts;
    @Autowired ApiTokens tokens;
    @Autowired IntelStore intel;

    final JsonMapper json = JsonMapper.builder().build();
    CaseFixture f;
    String officer;
    String member;

    @BeforeEach
    void setUp() {
        f = new CaseFixture(jdbc, access, personnel, alerts, profiles);
        officer = f.officer("api", "Mërgim", "Ilir", "Çoçoli");
        member = token("vo-api", Role.VETTING_OFFICER);
    }

    private String token(String prefix, Role... roles) {
        return TestTokens.accountWithToken(accounts, tokens, f.user(prefix), roles);
    }

    private MvcResult send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String token, Object body,
                           int expected) throws Exception {
        if (body != null) request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(body));
        return mvc.perform(request.with(bearer(token))).andExpect(status().is(expected)).andReturn();
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], pairs[i + 1]);
        return m;
    }

    private JsonNode read(MvcResult r) throws Exception {
        return json.readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void aCaseThroughTheApiEndsInAnExportWhoseHashesAllCheckOut() throws Exception {
        long alert = f.alert(officer);
        JsonNode opened = read(send(post("/api/vetting/cases"), member, body("officerId", officer, "alertId", alert, "reason", "escalated for review"), 201));
        long id = opened.get("id").asLong();
        String reference = opened.get("reference").asString();
        assertThat(opened.get("officerName").asString()).isEqualTo("Mërgim Ilir Çoçoli");

        // An intelligence record the member may read, a note, a base64 file.
        String source = "case-src-" + f.run;
        String person = "case-p-" + f.run;
        intel.saveSource(new Source(source, "Partner extract " + f.run, "EUROPOL", "Europol Regulation art. 18"));
        Provenance p = new Provenance(source, "r1", "EUROPOL", "Europol Regulation art. 18", LocalDate.of(2025, 1, 2), null,
                Grading.parse("B2"), Handling.H1, null);
        intel.save(List.of(new EntityRecord(person, EntityType.Person, List.of(new Statement(person, "name", "Mërgim Çoçoli", "MERGIM COCOLI", p)))));
        send(post("/api/vetting/cases/{id}/evidence", id), member, body("pillar", "BACKGROUND", "kind", "ENTITY", "reference", person), 201);
        send(post("/api/vetting/cases/{id}/evidence", id), member, body("pillar", "BACKGROUND", "kind", "ENTITY", "reference", person), 409);
        send(post("/api/vetting/cases/{id}/evidence", id), member, body("pillar", "BACKGROUND", "kind", "ENTITY", "reference", "no-such-" + f.run), 400);
        send(post("/api/vetting/cases/{id}/evidence", id), member, body("pillar", "ASSETS", "kind", "NOTE", "text", "Pasuri e padeklaruar: vilë në Vlorë"), 201);
        byte[] file = "bank statement ë ç".getBytes(StandardCharsets.UTF_8);
        JsonNode added = read(send(post("/api/vetting/cases/{id}/evidence", id), member, body("pillar", "ASSETS", "kind", "FILE", "title", "bank statement.txt",
                "contentBase64", java.util.Base64.getEncoder().encodeToString(file)), 201));
        assertThat(added.get("sha256").asString()).isEqualTo(CaseExport.sha256(file));

        // Problem details for bad input, naming the field.
        JsonNode bad = read(send(put("/api/vetting/cases/{id}/pillars/ASSETS", id), member, body("finding", "UNSATISFACTORY"), 400));
        assertThat(bad.get("field").asString()).isEqualTo("reasoning");
        bad = read(send(put("/api/vetting/cases/{id}/pillars/WEALTH", id), member, body("finding", "CONCERN", "reasoning", "x"), 400));
        assertThat(bad.get("field").asString()).isEqualTo("pillar");
        assertThat(bad.get("detail").asString()).contains("WEALTH", "ASSETS");
        bad = read(send(post("/api/vetting/cases/{id}/outcome", id), member, body("outcome", "PROSECUTOR", "reason", "early"), 409));
        assertThat(bad.get("detail").asString()).contains("ASSETS", "BACKGROUND", "PROFICIENCY");

        for (String pillar : List.of("ASSETS", "BACKGROUND", "PROFICIENCY")) {
            send(put("/api/vetting/cases/{id}/pillars/{p}", id, pillar), member, body("finding", "UNSATISFACTORY", "reasoning", "Arsyetim për " + pillar), 204);
        }
        send(post("/api/vetting/cases/{id}/outcome", id), member, body("outcome", "PROSECUTOR", "reason", "referim: kontakte me grup kriminal"), 204);
        JsonNode one = read(send(get("/api/vetting/cases/{id}", id), member, null, 200));
        assertThat(one.at("/summary/status").asString()).isEqualTo("CLOSED");
        assertThat(one.at("/summary/outcome").asString()).isEqualTo("PROSECUTOR");

        // The export needs a recipient and a reason.
        bad = read(send(post("/api/vetting/cases/{id}/export", id), member, body("reason", "referral"), 400));
        assertThat(bad.get("field").asString()).isEqualTo("recipient");
        long audited = jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();
        MvcResult export = send(post("/api/vetting/cases/{id}/export", id), member,
                body("recipient", "Prokuroria e Posaçme (SPAK)", "reason", "referral of case " + reference), 200);
        assertThat(export.getResponse().getContentType()).isEqualTo("application/zip");
        Map<String, byte[]> zip = unzip(export.getResponse().getContentAsByteArray());
        assertThat(zip).containsKeys("report.pdf", "manifest.json");

        // Every file in the manifest is in the ZIP with that hash, and every record is in the manifest.
        JsonNode manifest = json.readTree(zip.get("manifest.json"));
        String manifestHash = CaseExport.sha256(zip.get("manifest.json"));
        assertThat(export.getResponse().getHeader("X-Besa-Manifest-SHA256")).isEqualTo(manifestHash);
        assertThat(export.getResponse().getHeader("X-Besa-Report-SHA256")).isEqualTo(CaseExport.sha256(zip.get("report.pdf")));
        assertThat(manifest.get("case").asString()).isEqualTo(reference);
        assertThat(manifest.get("recipient").asString()).isEqualTo("Prokuroria e Posaçme (SPAK)");
        List<String> listed = new java.util.ArrayList<>();
        for (JsonNode file1 : manifest.get("files")) {
            String path = file1.get("path").asString();
            listed.add(path);
            assertThat(zip).containsKey(path);
            assertThat(CaseExport.sha256(zip.get(path))).as(path).isEqualTo(file1.get("sha256").asString());
        }
        assertThat(listed).hasSize(4); // alert, entity, note, file
        assertThat(zip.keySet()).filteredOn(k -> k.startsWith("records/")).containsExactlyInAnyOrderElementsOf(listed);
        assertThat(listed).anyMatch(k -> k.endsWith("bank_statement.txt"));
        // The entity record carries its statements' provenance; the note is the note.
        String entity = new String(zip.get(listed.stream().filter(k -> k.contains("-entity-")).findFirst().orElseThrow()), StandardCharsets.UTF_8);
        assertThat(json.readTree(entity).at("/statements/0/provenance/originator").asString()).isEqualTo("EUROPOL");
        assertThat(new String(zip.get(listed.stream().filter(k -> k.endsWith(".txt") && k.contains("-note-")).findFirst().orElseThrow()),
                StandardCharsets.UTF_8)).isEqualTo("Pasuri e padeklaruar: vilë në Vlorë");

        // The report: the officer's name with ë and ç, the outcome, the manifest hash and each record's hash, page numbers.
        String text;
        try (PDDocument pdf = Loader.loadPDF(zip.get("report.pdf"))) {
            text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " "); // lines wrap
        }
        assertThat(text).contains("Mërgim Ilir Çoçoli", reference, manifestHash, "Prokuroria e Posaçme (SPAK)", "Arsyetim për ASSETS",
                "referim: kontakte me grup kriminal", "Page 1 of");
        for (JsonNode file1 : manifest.get("files")) assertThat(text).contains(file1.get("sha256").asString());

        // Audited as a disclosure to the recipient.
        List<RecordedEvent> events = jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(audited)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1))).list();
        assertThat(events).anyMatch(e -> e.event().action() == AuditAction.DISCLOSURE && e.event().recipient().equals("Prokuroria e Posaçme (SPAK)")
                && e.event().target().contains(manifestHash));
    }

    @Test
    void apiAnswersNotFoundToNonMembersAndTheSubjectAndForbidsOtherRoles() throws Exception {
        JsonNode opened = read(send(post("/api/vetting/cases"), member, body("officerId", officer, "reason", "direct"), 201));
        long id = opened.get("id").asLong();
        String outsider = token("vo-out", Role.VETTING_OFFICER);
        String subjectName = f.user("vo-subj");
        String subject = TestTokens.accountWithToken(accounts, tokens, subjectName, Role.VETTING_OFFICER);
        profiles.linkOfficer(subjectName, officer);
        assertThat(read(send(get("/api/vetting/cases"), outsider, null, 200)).findValues("id")).noneMatch(n -> n.asLong() == id);
        for (String t : List.of(outsider)) {
            send(get("/api/vetting/cases/{id}", id), t, null, 404);
            send(post("/api/vetting/cases/{id}/export", id), t, body("recipient", "x", "reason", "y"), 404);
        }
        // The subject of the open case does no vetting work at all while it is open (403, "suspended").
        send(get("/api/vetting/cases/{id}", id), subject, null, 403);
        send(post("/api/vetting/cases/{id}/export", id), subject, body("recipient", "x", "reason", "y"), 403);
        send(get("/api/vetting/cases/{id}", Long.MAX_VALUE), outsider, null, 404);
        String analyst = token("an-api", Role.ANALYST);
        send(get("/api/vetting/cases"), analyst, null, 403);
        send(get("/api/vetting/cases/{id}", id), analyst, null, 403);
        // Members: a reason on removal too.
        String second = f.user("vo-second");
        TestTokens.accountWithToken(accounts, tokens, second, Role.VETTING_OFFICER);
        send(post("/api/vetting/cases/{id}/members", id), member, body("username", second, "reason", "second reader"), 204);
        send(delete("/api/vetting/cases/{id}/members/{u}", id, second), member, null, 400);
        send(delete("/api/vetting/cases/{id}/members/{u}", id, second).param("reason", "done"), member, null, 204);
        send(post("/api/vetting/cases"), member, "not json", 400);
    }

    @Test
    void assignabilityAnswersYesOrNoToOperationsTrainingAndVettingOnly() throws Exception {
        String commander = token("ops", Role.OPERATIONS_COMMANDER);
        String training = token("trn", Role.TRAINING_COORDINATOR);
        String analyst = token("an", Role.ANALYST);
        mvc.perform(get("/api/assignability/{o}", officer).with(bearer(commander))).andExpect(status().isOk())
                .andExpect(jsonPath("$.officerId").value(officer)).andExpect(jsonPath("$.assignable").value(true));
        send(post("/api/vetting/cases"), member, body("officerId", officer, "reason", "direct"), 201);
        for (String t : List.of(commander, training, member)) {
            JsonNode answer = read(send(get("/api/assignability/{o}", officer), t, null, 200));
            assertThat(answer.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("officerId", "assignable");
            assertThat(answer.get("assignable").asBoolean()).isFalse();
        }
        send(get("/api/assignability/{o}", "nobody-" + f.run), training, null, 200);
        send(get("/api/assignability/{o}", officer), analyst, null, 403);
        // Nobody asks about himself: refused whatever the answer would be, and flagged.
        String commanderName = f.user("ops");
        profiles.linkOfficer(commanderName, officer);
        long audited = jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();
        send(get("/api/assignability/{o}", officer), commander, null, 403);
        assertThat(jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(audited)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1))).list())
                .anyMatch(e -> e.event().action() == AuditAction.SECURITY_ALERT && e.event().actor().equals(commanderName));
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) out.put(e.getName(), in.readAllBytes());
        }
        return out;
    }
}
