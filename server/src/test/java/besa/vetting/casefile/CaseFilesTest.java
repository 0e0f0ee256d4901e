package besa.vetting.casefile;

import static besa.access.TestLogins.account;
import static besa.access.TestLogins.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.AccessProfiles;
import besa.access.Compartments;
import besa.access.Role;
import besa.audit.AuditAction;
import besa.audit.AuditCodec;
import besa.audit.AuditOutcome;
import besa.audit.RecordedEvent;
import besa.vetting.Assignability;
import besa.vetting.VettingAccess;
import besa.vetting.alert.AlertWriter;
import besa.vetting.personnel.PersonnelRegister;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Case files through the pages, over the real database (row-level security as the application's
 * role) and audit trail: the lifecycle from an alert to an outcome, the refusals, and who sees a case.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CaseFilesTest {
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired VettingAccess access;
    @Autowired PersonnelRegister personnel;
    @Autowired AlertWriter alerts;
    @Autowired AccessProfiles profiles;
    @Autowired Compartments compartments;
    @Autowired Assignability assignability;
    @Autowired Cases cases;

    CaseFixture f;
    String officer;
    String member;
    String other;

    @BeforeEach
    void setUp() {
        f = new CaseFixture(jdbc, access, personnel, alerts, profiles);
        officer = f.officer("off", "Dritëro", "Agron", "Çela");
        member = f.vettingOfficer(f.user("vo-member"), null);
        other = f.vettingOfficer(f.user("vo-other"), null);
    }

    private RequestPostProcessor as(String name) {
        return user(name, Role.VETTING_OFFICER.name());
    }

    /** Opens a case through the page as {@code user}; returns its id. */
    private long openFromPage(String user, String officerId, Long alertId) throws Exception {
        var post = post("/vetting/cases").param("officerId", officerId).param("reason", "screening alert needs a full review").with(as(user)).with(csrf());
        if (alertId != null) post.param("alertId", alertId.toString());
        String location = mvc.perform(post).andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "cases.opened"))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/vetting/cases/");
        return Long.parseLong(location.substring("/vetting/cases/".length()));
    }

    private String page(String user, long id) throws Exception {
        return mvc.perform(get("/vetting/cases/{id}", id).param("lang", "en").with(as(user))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private long auditSize() {
        return jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();
    }

    private List<RecordedEvent> auditSince(long from) {
        return jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(from)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1))).list();
    }

    @Test
    void aCaseGoesFromAnAlertThroughEvidenceAndFindingsToAHumanOutcome() throws Exception {
        long alert = f.alert(officer);
        long audited = auditSize();
        long id = openFromPage(member, officer, alert);

        // The alert is escalated and is the first evidence of the background pillar; its decision carries a fixed
        // text (every vetting officer reads it), the opener's reason stays in the case.
        assertThat(f.system(() -> jdbc.sql("select status from vetting_alert where id = ?").param(alert).query(String.class).single()))
                .isEqualTo("ESCALATED");
        assertThat(f.system(() -> jdbc.sql("select reason from vetting_decision where alert_id = ? and verdict = 'ESCALATE'").param(alert)
                .query(String.class).single())).isEqualTo(Cases.ESCALATED);
        String reference = f.system(() -> jdbc.sql("select p.reference from vetting_case c join compartment p on p.id = c.compartment_id where c.id = ?")
                .param(id).query(String.class).single());
        assertThat(reference).matches("VET-\\d{4}-\\d{4,}");
        String html = page(member, id);
        assertThat(html).contains(reference, "Dritëro Agron Çela", "Alert #" + alert, "Assets", "Background", "Proficiency");

        // Evidence: a note on assets, a file on proficiency, each with its SHA-256.
        mvc.perform(post("/vetting/cases/{id}/evidence", id).param("pillar", "ASSETS").param("kind", "NOTE")
                        .param("note", "Shtëpi në Durrës e padeklaruar").with(as(member)).with(csrf()))
                .andExpect(flash().attribute("notice", "cases.evidenceAdded"));
        byte[] pdf = "%PDF-1.4 training record".getBytes(StandardCharsets.UTF_8);
        mvc.perform(multipart("/vetting/cases/{id}/evidence", id).file(new MockMultipartFile("file", "training.pdf", "application/pdf", pdf))
                        .param("pillar", "PROFICIENCY").param("kind", "FILE").with(as(member)).with(csrf()))
                .andExpect(flash().attribute("notice", "cases.evidenceAdded"));
        html = page(member, id);
        assertThat(html).contains("Shtëpi në Durrës e padeklaruar", "training.pdf", CaseExport.sha256(pdf));

        // No outcome before all three findings; a finding needs its reasoning.
        mvc.perform(post("/vetting/cases/{id}/outcome", id).param("outcome", "PROSECUTOR").param("reason", "too early")
                        .with(as(member)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "cases.error.findingsMissing"));
        mvc.perform(post("/vetting/cases/{id}/pillars/ASSETS", id).param("finding", "UNSATISFACTORY").param("reasoning", " ")
                        .with(as(member)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "cases.error.required"));
        for (String p : List.of("ASSETS", "BACKGROUND", "PROFICIENCY")) {
            mvc.perform(post("/vetting/cases/{id}/pillars/{p}", id, p).param("finding", p.equals("PROFICIENCY") ? "SATISFACTORY" : "UNSATISFACTORY")
                            .param("reasoning", "reasoned finding on " + p).with(as(member)).with(csrf()))
                    .andExpect(flash().attribute("notice", "cases.findingRecorded"));
        }
        assertThat(assignability.mayBeAssigned(officer)).isFalse(); // open case
        mvc.perform(post("/vetting/cases/{id}/outcome", id).param("outcome", "PROSECUTOR").param("reason", " ").with(as(member)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "cases.error.required"));
        mvc.perform(post("/vetting/cases/{id}/outcome", id).param("outcome", "PROSECUTOR")
                        .param("reason", "undeclared property and cryptophone contacts").with(as(member)).with(csrf()))
                .andExpect(flash().attribute("notice", "cases.closedNotice"));

        html = page(member, id);
        assertThat(html).contains("Closed", "Referral to the prosecutor", "undeclared property and cryptophone contacts", "reasoned finding on ASSETS");
        assertThat(assignability.mayBeAssigned(officer)).isFalse(); // last outcome adverse
        // A closed case takes no more findings.
        mvc.perform(post("/vetting/cases/{id}/pillars/ASSETS", id).param("finding", "SATISFACTORY").param("reasoning", "changed my mind")
                        .with(as(member)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "cases.error.closed"));

        // Every decision is a person's, in the audit trail.
        List<RecordedEvent> events = auditSince(audited).stream().filter(e -> e.event().actor().equals(member)).toList();
        assertThat(events).filteredOn(e -> e.event().action() == AuditAction.DECISION).hasSize(5); // open, 3 findings, outcome
        assertThat(events).filteredOn(e -> e.event().action() == AuditAction.DECISION && e.event().target().contains("closed PROSECUTOR"))
                .singleElement().satisfies(e -> assertThat(e.event().justification()).isEqualTo("undeclared property and cryptophone contacts"));
        assertThat(events).anyMatch(e -> e.event().action() == AuditAction.CONSULTATION && e.event().target().contains(reference));
    }

    @Test
    void refusalsAreClearAndKeepWhatIsStored() throws Exception {
        // A reason is required to open.
        mvc.perform(post("/vetting/cases").param("officerId", officer).param("reason", "").with(as(member)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "cases.error.required"));
        mvc.perform(post("/vetting/cases").param("officerId", "nobody-" + f.run).param("reason", "r").with(as(member)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "cases.error.unknownOfficer"));
        long id = openFromPage(member, officer, null);
        String reference = cases(member).stream().filter(s -> s.id() == id).findFirst().orElseThrow().reference();

        // A second open case: named to a member, a neutral refusal to anybody else.
        mvc.perform(post("/vetting/cases").param("officerId", officer).param("reason", "again").with(as(member)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "cases.error.alreadyOpen"))
                .andExpect(flash().attribute("errorArgs", new Object[] {reference}));
        var refusal = mvc.perform(post("/vetting/cases").param("officerId", officer).param("reason", "again").with(as(other)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "cases.error.cannotOpen")).andReturn();
        assertThat(String.valueOf(List.of((Object[]) refusal.getFlashMap().get("errorArgs")))).doesNotContain(reference);

        // The subject never becomes a member, even as a cleared vetting officer; nor does an analyst.
        String subject = f.vettingOfficer(f.user("vo-subject"), officer);
        mvc.perform(post("/vetting/cases/{id}/members", id).param("username", subject).param("reason", "help").with(as(member)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "cases.error.memberNotEligible"));
        String analyst = f.user("analyst");
        account(jdbc, analyst, Role.ANALYST);
        mvc.perform(post("/vetting/cases/{id}/members", id).param("username", analyst).param("reason", "help").with(as(member)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "cases.error.memberNotEligible"));
        // Nor one whose own vetting is under review.
        String underReview = f.vettingOfficer(f.user("vo-review"), null);
        profiles.setVettingStatus(underReview, besa.access.VettingStatus.UNDER_REVIEW);
        mvc.perform(post("/vetting/cases/{id}/members", id).param("username", underReview).param("reason", "help").with(as(member)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "cases.error.memberNotEligible"));
        // Members: added with a reason (GRANT), the last one cannot leave.
        mvc.perform(post("/vetting/cases/{id}/members", id).param("username", other).param("reason", "").with(as(member)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "cases.error.required"));
        long audited = auditSize();
        mvc.perform(post("/vetting/cases/{id}/members", id).param("username", other).param("reason", "second reader").with(as(member)).with(csrf()))
                .andExpect(flash().attribute("notice", "cases.memberAdded"));
        assertThat(auditSince(audited)).anyMatch(e -> e.event().action() == AuditAction.GRANT && e.event().recipient().equals(other));
        assertThat(page(other, id)).contains(reference);
        // The opener stays: neither another member nor he himself removes him.
        mvc.perform(post("/vetting/cases/{id}/members/remove", id).param("username", member).param("reason", "taking over").with(as(other)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "cases.error.openerStays"));
        mvc.perform(post("/vetting/cases/{id}/members/remove", id).param("username", member).param("reason", "handed over").with(as(member)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "cases.error.openerStays"));
        // Unknown choices are named.
        mvc.perform(post("/vetting/cases/{id}/pillars/ASSETS", id).param("finding", "MAYBE").param("reasoning", "x").with(as(other)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "cases.error.badChoice"));
        mvc.perform(post("/vetting/cases/{id}/members/remove", id).param("username", other).param("reason", "second reading done").with(as(member)).with(csrf()))
                .andExpect(flash().attribute("notice", "cases.memberRemoved"));
        mvc.perform(post("/vetting/cases/{id}/members/remove", id).param("username", member).param("reason", "leaving").with(as(member)).with(csrf()))
                .andExpect(flash().attribute("errorKey", "cases.error.lastMember"));
        // The removed member no longer sees it.
        mvc.perform(get("/vetting/cases/{id}", id).with(as(other))).andExpect(status().isNotFound());
    }

    @Test
    void onlyMembersSeeACaseNeverItsSubjectNorOthersAndNotFoundIsOneAnswer() throws Exception {
        long id = openFromPage(member, officer, null);
        String reference = cases(member).stream().filter(s -> s.id() == id).findFirst().orElseThrow().reference();
        // The subject is a cleared vetting officer and, somehow, a member of his own case's compartment.
        String subject = f.vettingOfficer(f.user("vo-subject"), officer);
        long compartment = f.system(() -> jdbc.sql("select compartment_id from vetting_case where id = ?").param(id).query(Long.class).single());
        compartments.grant(compartment, subject, "test");

        String list = mvc.perform(get("/vetting/cases").with(as(member))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains(reference);
        for (String user : List.of(other)) {
            String theirs = mvc.perform(get("/vetting/cases").with(as(user))).andExpect(status().isOk()).andReturn().getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
            assertThat(theirs).doesNotContain(reference).doesNotContain(officer);
        }

        long audited = auditSize();
        String hidden = mvc.perform(get("/vetting/cases/{id}", id).with(as(other))).andExpect(status().isNotFound()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        String missing = mvc.perform(get("/vetting/cases/{id}", Long.MAX_VALUE).with(as(other))).andExpect(status().isNotFound()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(main(hidden)).isEqualTo(main(missing)).contains("notfound");
        assertThat(hidden).doesNotContain(reference);
        assertThat(auditSince(audited)).noneMatch(e -> e.event().action() == AuditAction.SECURITY_ALERT);

        // The subject: while the case about him is open he does no vetting work at all (403, the neutral
        // "suspended" text, no reference), and a security alert.
        String own = mvc.perform(get("/vetting/cases/{id}", id).with(as(subject))).andExpect(status().isForbidden()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(own).doesNotContain(reference);
        mvc.perform(get("/vetting/cases").with(as(subject))).andExpect(status().isForbidden());
        assertThat(auditSince(audited)).anyMatch(e -> e.event().action() == AuditAction.SECURITY_ALERT && e.event().actor().equals(subject)
                && e.event().outcome() == AuditOutcome.DENIED);
        // Nor may he change it, the answer is the same.
        mvc.perform(post("/vetting/cases/{id}/pillars/ASSETS", id).param("finding", "SATISFACTORY").param("reasoning", "all fine")
                .with(as(subject)).with(csrf())).andExpect(status().isForbidden());

        // No vetting work, no vetting pages at all.
        String analyst = f.user("analyst");
        mvc.perform(get("/vetting/cases").with(account(jdbc, analyst, Role.ANALYST))).andExpect(status().isForbidden());
        mvc.perform(get("/vetting/cases/{id}", id).with(account(jdbc, analyst, Role.ANALYST))).andExpect(status().isForbidden());
        // A vetting officer whose own vetting is under review: refused before any case is looked at.
        String underReview = f.vettingOfficer(f.user("vo-review"), null);
        profiles.setVettingStatus(underReview, besa.access.VettingStatus.UNDER_REVIEW);
        mvc.perform(get("/vetting/cases").with(as(underReview))).andExpect(status().isForbidden());
    }

    @Test
    void assignabilityIsNoWhileACaseIsOpenOrEndedAdversely() {
        String clearedOfficer = f.officer("clr", "Ana", null, "Kola");
        String disciplined = f.officer("dis", "Besnik", null, "Leka");
        assertThat(assignability.mayBeAssigned(clearedOfficer)).isTrue();
        assertThat(assignability.mayBeAssigned("unknown-" + f.run)).isTrue();
        for (String o : List.of(clearedOfficer, disciplined)) {
            long id = CaseFixture.as(member, () -> cases.open(o, null, "routine vetting", "127.0.0.1")).id();
            assertThat(assignability.mayBeAssigned(o)).isFalse();
            CaseFixture.as(member, () -> {
                for (Pillar p : Pillar.values()) cases.decide(id, p, PillarFinding.SATISFACTORY, "nothing found", "127.0.0.1");
                cases.close(id, o.equals(clearedOfficer) ? Outcome.CLEARED : Outcome.DISCIPLINARY, "decided", "127.0.0.1");
                return null;
            });
        }
        assertThat(assignability.mayBeAssigned(clearedOfficer)).isTrue();
        assertThat(assignability.mayBeAssigned(disciplined)).isFalse();
        // A new case on the cleared officer makes him unassignable again.
        CaseFixture.as(member, () -> cases.open(clearedOfficer, null, "new information", "127.0.0.1"));
        assertThat(assignability.mayBeAssigned(clearedOfficer)).isFalse();
    }

    /** The page's main content (the header differs: language links carry the URL, forms a fresh CSRF token). */
    private static String main(String html) {
        return html.substring(html.indexOf("<main"), html.indexOf("</main>"));
    }

    private List<CaseFile.Summary> cases(String user) {
        return CaseFixture.as(user, () -> cases.mine("127.0.0.1"));
    }
}
