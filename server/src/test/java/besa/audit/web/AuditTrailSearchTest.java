package besa.audit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static besa.access.TestLogins.account;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.Role;
import besa.audit.AuditAction;
import besa.audit.AuditCheckpoints;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.audit.InclusionProofText;
import besa.audit.RecordedEvent;
import besa.ledger.MerkleHashes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
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

/** The auditors' search, proofs and export over REST and on the page, on the real trail. */
@SpringBootTest
@AutoConfigureMockMvc
class AuditTrailSearchTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired MockMvc mvc;
    @Autowired AuditLog audit;
    @Autowired AuditCheckpoints checkpoints;
    @Autowired JdbcClient jdbc;

    private final String officer = "officer-" + UUID.randomUUID().toString().substring(0, 8);
    private final String auditor = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<RecordedEvent> recorded = new ArrayList<>();

    @BeforeEach
    void anOfficersDay() {
        recorded.add(audit.record(new AuditEvent(officer, AuditAction.CONSULTATION, "P-Hoxha-1", "Case 2026/17 drugs", "", AuditOutcome.SUCCESS, "10.0.0.7")));
        recorded.add(audit.record(new AuditEvent(officer, AuditAction.CONSULTATION, "P-Berisha-2", "friend asked", "", AuditOutcome.DENIED, "10.0.0.7")));
        recorded.add(audit.record(new AuditEvent(officer, AuditAction.DISCLOSURE, "source tnp", "Case 2026/17 drugs", "europol-liaison", AuditOutcome.SUCCESS, "10.0.0.8")));
        recorded.add(audit.record(new AuditEvent(officer, AuditAction.CONSULTATION, "query: hoxha tirane", "Op. \"Dielli\", 50% done", "", AuditOutcome.SUCCESS, "10.0.0.7")));
    }

    private JsonNode search(String query) throws Exception {
        MvcResult r = mvc.perform(get("/api/audit/events?" + query).with(account(jdbc, auditor, Role.AUDITOR)))
                .andExpect(status().isOk()).andReturn();
        return JSON.readTree(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private static List<Long> indices(JsonNode body) {
        List<Long> out = new ArrayList<>();
        body.get("events").forEach(e -> out.add(e.get("index").asLong()));
        return out;
    }

    private long idx(int i) {
        return recorded.get(i).index();
    }

    /** The latest event of {@code actor}, read straight from the table. */
    private RecordedEvent lastOf(String actor) {
        audit.store().catchUpSearch();
        return jdbc.sql("select e.data from audit_entry e join audit_entry_search s on s.idx = e.idx where s.actor = ? order by e.idx desc limit 1")
                .param(actor).query((rs, n) -> besa.audit.AuditCodec.decode(rs.getBytes(1))).single();
    }

    @Test
    void findsWhoLookedAtWhomWhenAndWhyNewestFirst() throws Exception {
        assertThat(indices(search("actor=" + officer))).containsExactly(idx(3), idx(2), idx(1), idx(0));
        assertThat(indices(search("actor=" + officer + "&target=hoxha"))).containsExactly(idx(3), idx(0));
        assertThat(indices(search("actor=" + officer + "&action=DISCLOSURE&action=consultation&outcome=SUCCESS")))
                .containsExactly(idx(3), idx(2), idx(0));
        assertThat(indices(search("actor=" + officer + "&justification=case 2026/17"))).containsExactly(idx(2), idx(0));
        assertThat(indices(search("actor=" + officer + "&justification=50%"))).as("%% is a character, not a wildcard").containsExactly(idx(3));
        assertThat(indices(search("recipient=europol-liaison&actor=" + officer))).containsExactly(idx(2));
        assertThat(indices(search("client=10.0.0.8&actor=" + officer))).containsExactly(idx(2));
        assertThat(indices(search("actor=" + officer + "&outcome=denied"))).containsExactly(idx(1));
        Instant at = recorded.get(0).at();
        assertThat(indices(search("actor=" + officer + "&from=" + at.plusSeconds(3600)))).isEmpty();
        assertThat(indices(search("actor=" + officer + "&from=" + at + "&to=" + at.plusMillis(1)))).contains(idx(0));

        JsonNode one = search("actor=" + officer + "&target=Berisha").get("events").get(0);
        assertThat(one.get("justification").asString()).isEqualTo("friend asked");
        assertThat(one.get("outcome").asString()).isEqualTo("DENIED");
        assertThat(one.get("intact").asBoolean()).isTrue();
        assertThat(one.get("proof").asString()).isEqualTo("/api/audit/events/" + idx(1) + "/proof");
        byte[] data = jdbc.sql("select data from audit_entry where idx = ?").param(idx(1)).query(byte[].class).single();
        assertThat(Base64.getDecoder().decode(one.get("leafHash").asString())).isEqualTo(MerkleHashes.leafHash(data));

        // The search itself is in the trail, with its filter.
        RecordedEvent searched = lastOf(auditor);
        assertThat(searched.event().action()).isEqualTo(AuditAction.CONSULTATION);
        assertThat(searched.event().target()).contains("actor=" + officer, "target=Berisha");
    }

    @Test
    void pagesFollowTheNextLink() throws Exception {
        JsonNode first = search("actor=" + officer + "&size=3");
        assertThat(indices(first)).containsExactly(idx(3), idx(2), idx(1));
        String next = first.get("next").asString();
        assertThat(next).contains("before=" + idx(1));
        MvcResult r = mvc.perform(get(next).with(account(jdbc, auditor, Role.AUDITOR))).andExpect(status().isOk()).andReturn();
        JsonNode second = JSON.readTree(r.getResponse().getContentAsString());
        assertThat(indices(second)).containsExactly(idx(0));
        assertThat(second.get("next").isNull()).isTrue();
    }

    @Test
    void onlyAuditorsMayReadTheTrailAndRefusalsAreRecorded() throws Exception {
        for (String role : new String[] {"ADMINISTRATOR", "ANALYST", "VETTING_OFFICER"}) {
            String who = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 6);
            mvc.perform(get("/api/audit/events?actor=" + officer).with(account(jdbc, who, Role.valueOf(role)))).andExpect(status().isForbidden());
            mvc.perform(get("/api/audit/events/" + idx(0) + "/proof").with(account(jdbc, who, Role.valueOf(role)))).andExpect(status().isForbidden());
            mvc.perform(get("/api/audit/events/export?actor=" + officer).with(account(jdbc, who, Role.valueOf(role)))).andExpect(status().isForbidden());
            mvc.perform(get("/audit").with(account(jdbc, who, Role.valueOf(role)))).andExpect(status().isForbidden());
            RecordedEvent denied = lastOf(who);
            assertThat(denied.event().outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(denied.event().target()).isEqualTo("audit trail page");
        }
        mvc.perform(get("/api/audit/events")).andExpect(status().isUnauthorized());
    }

    @Test
    void badFiltersAreProblemDetails() throws Exception {
        mvc.perform(get("/api/audit/events?action=PEEK").with(account(jdbc, auditor, Role.AUDITOR)))
                .andExpect(status().isBadRequest()).andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("unknown action 'PEEK'")));
        mvc.perform(get("/api/audit/events?from=yesterday").with(account(jdbc, auditor, Role.AUDITOR)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("'from' is not a UTC time")));
        mvc.perform(get("/api/audit/events?size=100000").with(account(jdbc, auditor, Role.AUDITOR))).andExpect(status().isBadRequest());
    }

    @Test
    void eachRowsProofChecksOutOfflineAgainstTheWitnessedCheckpoint() throws Exception {
        checkpoints.checkpoint();
        MvcResult r = mvc.perform(get("/api/audit/events/" + idx(2) + "/proof").with(account(jdbc, auditor, Role.AUDITOR)))
                .andExpect(status().isOk()).andReturn();
        assertThat(r.getResponse().getHeader("X-Besa-Witnessed")).isEqualTo("true");
        InclusionProofText proof = InclusionProofText.parseAndVerify(r.getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(proof.proof().leafIndex()).isEqualTo(idx(2));
        assertThat(besa.audit.AuditCodec.decode(proof.leafData()).event().recipient()).isEqualTo("europol-liaison");
        var witnessed = checkpoints.verifier().verify(checkpoints.folder().latestNote().orElseThrow()).checkpoint();
        assertThat(proof.root()).isEqualTo(witnessed.rootHash());
        assertThat(lastOf(auditor).event().target()).isEqualTo("audit trail: entry " + idx(2) + " (inclusion proof)");
        mvc.perform(get("/api/audit/events/999999999/proof").with(account(jdbc, auditor, Role.AUDITOR))).andExpect(status().isBadRequest());
    }

    private String export(String query) throws Exception {
        MvcResult started = mvc.perform(get("/api/audit/events/export?" + query).with(account(jdbc, auditor, Role.AUDITOR)))
                .andExpect(request().asyncStarted()).andReturn();
        return mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void exportsCsvAndJsonLinesWithIndexAndLeafHashAndRecordsTheExport() throws Exception {
        String csv = export("actor=" + officer + "&format=csv");
        List<String> lines = csv.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("index,at,actor,action,target,justification,recipient,outcome,client_address,leaf_hash,intact");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(1)).startsWith(idx(3) + ",").contains("\"Op. \"\"Dielli\"\", 50% done\"");
        byte[] data = jdbc.sql("select data from audit_entry where idx = ?").param(idx(0)).query(byte[].class).single();
        assertThat(lines.get(4)).startsWith(idx(0) + ",").endsWith(Base64.getEncoder().encodeToString(MerkleHashes.leafHash(data)) + ",true");
        RecordedEvent exported = lastOf(auditor);
        assertThat(exported.event().action()).isEqualTo(AuditAction.EXPORT);
        assertThat(exported.event().recipient()).isEqualTo(auditor);
        assertThat(exported.event().target()).contains("actor=" + officer, "format=csv");

        String jsonl = export("actor=" + officer + "&action=DISCLOSURE&format=jsonl");
        assertThat(jsonl.lines().toList()).singleElement().satisfies(line -> {
            JsonNode n = JSON.readTree(line);
            assertThat(n.get("index").asLong()).isEqualTo(idx(2));
            assertThat(n.get("recipient").asString()).isEqualTo("europol-liaison");
            assertThat(n.get("leafHash").asString()).isNotBlank();
        });
    }

    @Test
    void thePageShowsNeedsAttentionAndTheSearchInAlbanianAndEnglish() throws Exception {
        RecordedEvent alert = audit.record(AuditEvent.of(AuditEvent.SYSTEM, AuditAction.SECURITY_ALERT, "officer read own vetting file " + officer,
                AuditOutcome.SUCCESS, ""));
        String sq = mvc.perform(get("/audit?actor=" + officer).with(account(jdbc, auditor, Role.AUDITOR)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(sq).contains("Gjurma e auditimit", "Kërkon vëmendje", "Alarm sigurie", "officer read own vetting file " + officer,
                "/api/audit/events/" + alert.index() + "/proof", "P-Berisha-2", "friend asked", "E refuzuar",
                "/audit/export?actor=" + officer + "&amp;format=csv");
        String en = mvc.perform(get("/audit?actor=" + officer + "&lang=en").with(account(jdbc, auditor, Role.AUDITOR)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(en).contains("Audit trail", "Needs attention", "Security alert", "Denied");
        String fragment = mvc.perform(get("/audit?actor=" + officer + "&target=hoxha").header("HX-Request", "true")
                .with(account(jdbc, auditor, Role.AUDITOR))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(fragment).contains("P-Hoxha-1").doesNotContain("P-Berisha-2", "<html");
        assertThat(lastOf(auditor).event().target()).contains("target=hoxha");
    }

    @Test
    void theWitnessEndpointRefusesOversizedBodies() throws Exception {
        String big = "{\"checkpoint\":\"" + "x".repeat(9_000) + "\"}";
        mvc.perform(post("/api/audit/witness").contentType(MediaType.APPLICATION_JSON).content(big))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("a witness request is at most 8192 bytes"));
        mvc.perform(post("/api/audit/witness").contentType(MediaType.APPLICATION_JSON).content("{\"checkpoint\":\"not a note\"}"))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/audit/witness").contentType(MediaType.APPLICATION_JSON).content("{oops"))
                .andExpect(status().isBadRequest());
    }
}
