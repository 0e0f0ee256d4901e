package besa.vetting;

import static besa.access.TestLogins.account;
import static besa.access.TestLogins.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.AccessProfiles;
import besa.access.Role;
import besa.audit.AuditCodec;
import besa.audit.RecordedEvent;
import besa.vetting.alert.AlertDesk;
import besa.vetting.alert.AlertWriter;
import besa.vetting.casefile.AssignabilityQuestions;
import besa.vetting.casefile.CaseFile;
import besa.vetting.casefile.CaseFixture;
import besa.vetting.casefile.Cases;
import besa.vetting.personnel.PersonnelRegister;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security review of issue 5: the audit trail, which every auditor reads, must not tell anyone
 * (least of all an auditor who is the subject) which officer the vetting unit works on; alert and case
 * ids and case references must not be sequential (a gap shows a hidden alert or case); and a run of
 * the insider watch must not tell its user how many alerts it raised.
 */
@SpringBootTest
@AutoConfigureMockMvc
class VettingAuditPrivacyTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long JS_SAFE = 1L << 53;

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired VettingAccess access;
    @Autowired PersonnelRegister personnel;
    @Autowired AlertWriter alerts;
    @Autowired AccessProfiles profiles;
    @Autowired Cases cases;
    @Autowired AssignabilityQuestions assignability;
    @Autowired OfficerPseudonyms pseudonyms;
    @Autowired AlertDesk alertDesk;
    @Autowired IntelStore intel;

    CaseFixture f;
    String vetter;
    String colleague;

    @BeforeEach
    void setUp() {
        f = new CaseFixture(jdbc, access, personnel, alerts, profiles);
        vetter = f.vettingOfficer(f.user("vo-priv"), null);
        colleague = f.vettingOfficer(f.user("vo-priv2"), null);
    }

    private RequestPostProcessor asVetter() {
        return user(vetter, Role.VETTING_OFFICER.name());
    }

    private JsonNode json(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return JSON.readTree(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private long auditSize() {
        return jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();
    }

    private List<RecordedEvent> auditSince(long from) {
        return jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(from)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1))).list();
    }

    @Test
    void anAuditorWhoIsTheSubjectFindsNoVettingEntryAboutHimAndTheVettingUnitResolvesThePseudonym() throws Exception {
        String officer = f.officer("subj", "Besnik", "Arben", "Gjoni" + f.run);
        String auditorName = f.user("auditor-subject");
        RequestPostProcessor auditor = account(jdbc, auditorName, Role.AUDITOR);
        profiles.linkOfficer(auditorName, officer);
        long from = auditSize();

        // The vetting unit works on him: an alert, the queue filtered on him, his record, a name search,
        // a case with a second member, and operations asking whether he may be assigned.
        // His own intelligence record (he could find its id by searching for himself).
        String officerEntity = "subj-e-" + f.run;
        String source = "subj-src-" + f.run;
        intel.saveSource(new Source(source, "Extract " + f.run, "EUROPOL", "Europol Regulation art. 18"));
        Provenance p = new Provenance(source, "r1", "EUROPOL", "Europol Regulation art. 18", LocalDate.of(2025, 1, 2), null,
                Grading.parse("B2"), Handling.H1, null);
        intel.save(List.of(new EntityRecord(officerEntity, EntityType.Person, List.of(new Statement(officerEntity, "name", "Besnik Gjoni", "BESNIK GJONI", p)))));
        long alert = f.alert(officer);
        CaseFixture.as(vetter, () -> alertDesk.decide(alert, "DISAGREE", "IDENTIFIER:PHONE:+355691234567:" + officer, "a shared phone", "127.0.0.1"));
        json(get("/api/vetting/alerts").param("officer", officer).with(asVetter()));
        json(get("/api/vetting/personnel/" + officer).with(asVetter()));
        json(get("/api/vetting/personnel").param("q", "Gjoni" + f.run).with(asVetter()));
        CaseFile.Summary opened = CaseFixture.as(vetter, () -> cases.open(officer, alert, "screening alert needs a full review", "127.0.0.1"));
        CaseFixture.as(vetter, () -> {
            cases.addMember(opened.id(), colleague, "second reader", "127.0.0.1");
            // Evidence naming an entity: the entity may be the officer's own record, so not in the trail.
            cases.addEvidence(opened.id(), new Cases.NewEvidence(besa.vetting.casefile.Pillar.ASSETS, besa.vetting.casefile.EvidenceKind.ENTITY,
                    officerEntity, null, null), "127.0.0.1");
            return null;
        });
        assignability.ask(officer, f.user("ops"), "127.0.0.1");

        // The work is in the trail, by case reference, alert id and pseudonym ...
        List<RecordedEvent> trail = auditSince(from);
        String pseudonym = pseudonyms.of(officer);
        assertThat(pseudonym).matches("officer#[0-9a-f]{16}");
        assertThat(trail).anyMatch(e -> e.event().target().contains(opened.reference()));
        assertThat(trail).anyMatch(e -> e.event().target().equals(pseudonym));
        assertThat(trail).anyMatch(e -> e.event().target().contains("officer=" + pseudonym));
        // ... and no entry carries his id or his name.
        assertThat(trail).noneMatch(e -> e.event().target().contains(officer) || e.event().target().contains("Gjoni" + f.run)
                || e.event().target().contains(officerEntity));

        // The auditor-subject searching the trail for his id finds nothing of it.
        // (Only his own searches match: the trail records each search with its filter.)
        for (String wanted : List.of(officer, "Gjoni" + f.run)) {
            JsonNode found = json(get("/api/audit/events").param("target", wanted).with(auditor));
            List<String> others = new ArrayList<>();
            found.get("events").forEach(e -> {
                if (!e.get("actor").asString().equals(auditorName)) others.add(e.get("actor").asString() + " " + e.get("target").asString());
            });
            assertThat(others).as("entries found for " + wanted).isEmpty();
        }

        // The vetting unit resolves the pseudonym through its personnel search (page and API) ...
        JsonNode resolved = json(get("/api/vetting/personnel").param("q", pseudonym).with(asVetter()));
        assertThat(resolved.get("total").asLong()).isEqualTo(1);
        assertThat(resolved.get("items").get(0).get("id").asString()).isEqualTo(officer);
        String html = mvc.perform(get("/vetting/personnel").param("q", pseudonym).with(asVetter())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains(officer);
        // ... an unknown one resolves to nobody, and nobody resolves his own.
        assertThat(json(get("/api/vetting/personnel").param("q", "officer#0000000000000000").with(asVetter())).get("total").asLong()).isZero();
        // (The subject of the open case is suspended from vetting work altogether: refused before any search.)
        String self = f.vettingOfficer(f.user("vo-self"), officer);
        mvc.perform(get("/api/vetting/personnel").param("q", pseudonym).with(user(self, Role.VETTING_OFFICER.name()))).andExpect(status().isForbidden());
    }

    @Test
    void aSubjectAskingAboutHimselfLeavesNeitherHisIdNorHisPseudonymInTheTrail() {
        String officer = f.officer("self", "Ilir", "Pjetër", "Dema" + f.run);
        String ops = f.user("ops-self");
        besa.access.TestAccounts.ensure(jdbc, ops, Role.OPERATIONS_COMMANDER);
        profiles.linkOfficer(ops, officer);
        long from = auditSize();
        // refused, as it must be, and recorded as a security alert
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assignability.ask(officer, ops, "127.0.0.1"))
                .isInstanceOf(besa.vetting.casefile.CaseRefused.class);
        List<RecordedEvent> trail = auditSince(from);
        assertThat(trail).anyMatch(e -> e.event().actor().equals(ops));
        assertThat(trail).noneMatch(e -> e.event().target().contains(officer) || e.event().target().contains(pseudonyms.of(officer)));
    }

    @Test
    void alertAndCaseIdsAndReferencesAreNotSequentialAndStayJavaScriptSafe() {
        List<Long> alertIds = new ArrayList<>();
        List<Long> caseIds = new ArrayList<>();
        List<String> references = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String officer = f.officer("seq" + i, "Arta", "Gjon", "Kola" + i);
            long alert = f.alert(officer);
            alertIds.add(alert);
            CaseFile.Summary c = CaseFixture.as(vetter, () -> cases.open(officer, null, "id sequence test", "127.0.0.1"));
            caseIds.add(c.id());
            references.add(c.reference());
        }
        for (List<Long> ids : List.of(alertIds, caseIds)) {
            assertThat(ids).allSatisfy(id -> assertThat(id).isPositive().isLessThanOrEqualTo(JS_SAFE));
            assertThat(new HashSet<>(ids)).hasSize(ids.size());
            assertThat(consecutive(ids)).as("ids %s", ids).isFalse();
        }
        assertThat(references).allSatisfy(r -> assertThat(r).matches("VET-\\d{4}-\\d{6}"));
        assertThat(new HashSet<>(references)).hasSize(references.size());
        List<Long> suffixes = references.stream().map(r -> Long.parseLong(r.substring(r.lastIndexOf('-') + 1))).toList();
        assertThat(consecutive(suffixes)).as("references %s", references).isFalse();
    }

    /** Whether each value is the previous plus one, as an identity column hands them out. */
    private static boolean consecutive(List<Long> values) {
        for (int i = 1; i < values.size(); i++) {
            if (values.get(i) != values.get(i - 1) + 1) return false;
        }
        return true;
    }

    @Test
    void theInsiderRunTellsItsUserNoAlertCounts() throws Exception {
        JsonNode ran = json(post("/api/vetting/insider/run").with(asVetter())
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()));
        Set<String> fields = new HashSet<>(ran.propertyNames());
        assertThat(fields).containsExactlyInAnyOrder("entries", "finishedAt");
    }
}
