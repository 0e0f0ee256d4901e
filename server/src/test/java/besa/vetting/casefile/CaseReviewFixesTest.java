package besa.vetting.casefile;

import static besa.access.TestLogins.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.AccessProfiles;
import besa.access.Role;
import besa.audit.AuditAction;
import besa.audit.AuditCodec;
import besa.audit.RecordedEvent;
import besa.vetting.VettingAccess;
import besa.vetting.alert.AlertWriter;
import besa.vetting.personnel.PersonnelRegister;
import besa.vetting.screening.FactorKind;
import besa.vetting.screening.Finding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The security review's findings on case files: evidence about the wrong officer, who may sit on a
 * case, what an escalation and a refused second case tell a non-member, and the export's method.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CaseReviewFixesTest {
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired VettingAccess access;
    @Autowired PersonnelRegister personnel;
    @Autowired AlertWriter alerts;
    @Autowired AccessProfiles profiles;
    @Autowired Cases cases;

    CaseFixture f;
    String officer;
    String member;
    String other;

    @BeforeEach
    void setUp() {
        f = new CaseFixture(jdbc, access, personnel, alerts, profiles);
        officer = f.officer("rv", "Arben", "Gani", "Hoxha");
        member = f.vettingOfficer(f.user("vo-rv-member"), null);
        other = f.vettingOfficer(f.user("vo-rv-other"), null);
    }

    private RequestPostProcessor as(String name) {
        return user(name, Role.VETTING_OFFICER.name());
    }

    private long open(String reason) {
        return CaseFixture.as(member, () -> cases.open(officer, null, reason, "127.0.0.1")).id();
    }

    private CaseRefused refusal(Runnable action) {
        try {
            action.run();
        } catch (CaseRefused e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    private long evidenceCount(long caseId) {
        return f.system(() -> jdbc.sql("select count(*) from vetting_evidence where case_id = ?").param(caseId).query(Long.class).single());
    }

    private long insiderAlert(String username) {
        return f.system(() -> alerts.merge("INSIDER", null, username, Set.of(), List.of(new Finding(null, username, FactorKind.INSIDER,
                "INSIDER:BULK:" + username, 0.6, "Kërkime të shumta", "Many searches", Map.of("entities", List.of(), "rule", "BULK"))))).alertId();
    }

    private Cases.NewEvidence alertEvidence(long alertId) {
        return new Cases.NewEvidence(Pillar.BACKGROUND, EvidenceKind.ALERT, Long.toString(alertId), null, null);
    }

    @Test
    void onlyAnAlertAboutTheCasesOfficerBecomesItsEvidence() {
        long id = open("routine review");
        String stranger = f.officer("rv-x", "Besmir", null, "Duka");
        long foreign = f.alert(stranger);
        CaseRefused e = refusal(() -> CaseFixture.as(member, () -> cases.addEvidence(id, alertEvidence(foreign), "127.0.0.1")));
        assertThat(e.kind()).isEqualTo(CaseRefused.Kind.INVALID);
        assertThat(e.messageKey()).isEqualTo("cases.error.alertOtherOfficer");
        assertThat(e.field()).isEqualTo("reference");
        assertThat(evidenceCount(id)).isZero();

        // Insider alerts name an account: refused when it is another officer's or nobody's, taken when it is this officer's.
        String strangersAccount = f.vettingOfficer(f.user("acc-x"), stranger);
        String unlinked = f.vettingOfficer(f.user("acc-none"), null);
        for (String username : List.of(strangersAccount, unlinked)) {
            long insider = insiderAlert(username);
            assertThat(refusal(() -> CaseFixture.as(member, () -> cases.addEvidence(id, alertEvidence(insider), "127.0.0.1"))).messageKey())
                    .isEqualTo("cases.error.alertOtherOfficer");
        }
        assertThat(evidenceCount(id)).isZero();
        String own = f.vettingOfficer(f.user("acc-own"), officer);
        long ownInsider = insiderAlert(own);
        CaseFixture.as(member, () -> cases.addEvidence(id, alertEvidence(ownInsider), "127.0.0.1"));
        long ownScreening = f.alert(officer);
        CaseFixture.as(member, () -> cases.addEvidence(id, alertEvidence(ownScreening), "127.0.0.1"));
        assertThat(evidenceCount(id)).isEqualTo(2);
    }

    @Test
    void serviceAndSuspendedAccountsCannotBeMembers() {
        long id = open("routine review");
        String service = f.vettingOfficer(f.user("vo-svc"), null);
        jdbc.sql("update app_user set service = true where username = ?").param(service).update();
        String suspended = f.vettingOfficer(f.user("vo-susp"), null);
        jdbc.sql("update app_user set suspended_until = now() + interval '1 day' where username = ?").param(suspended).update();
        for (String who : List.of(service, suspended)) {
            CaseRefused e = refusal(() -> CaseFixture.as(member, () -> {
                cases.addMember(id, who, "help", "127.0.0.1");
                return null;
            }));
            assertThat(e.messageKey()).isEqualTo("cases.error.memberNotEligible");
            assertThat(e.args()).containsExactly(who);
        }
        // A suspension that has ended no longer stands in the way.
        jdbc.sql("update app_user set suspended_until = now() - interval '1 day' where username = ?").param(suspended).update();
        CaseFixture.as(member, () -> {
            cases.addMember(id, suspended, "help", "127.0.0.1");
            return null;
        });
        assertThat(CaseFixture.as(member, () -> cases.find(id, "127.0.0.1")).members()).contains(suspended).doesNotContain(service);
    }

    @Test
    void theAlertKeepsAFixedEscalationTextAndASecondCaseIsRefusedWithoutNamingIt() throws Exception {
        long alert = f.alert(officer);
        String secret = "informant " + f.run + " says he takes money at the port";
        long id = CaseFixture.as(member, () -> cases.open(officer, alert, secret, "127.0.0.1")).id();

        // Any vetting officer reads the alert: the decision says it was escalated, not why.
        String page = mvc.perform(get("/vetting/alerts/{a}", alert).param("lang", "en").with(as(other))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String api = mvc.perform(get("/api/vetting/alerts/{a}", alert).with(as(other))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(Cases.ESCALATED).doesNotContain(secret);
        assertThat(api).contains(Cases.ESCALATED).doesNotContain(secret);
        // The reason stays in the case, for its members.
        assertThat(CaseFixture.as(member, () -> cases.find(id, "127.0.0.1")).decisions()).anyMatch(h -> secret.equals(h.reason()));

        // A second case: the non-member learns nothing of the first (no id, no reference).
        String reference = CaseFixture.as(member, () -> cases.find(id, "127.0.0.1")).summary().reference();
        CaseRefused e = refusal(() -> CaseFixture.as(other, () -> cases.open(officer, null, "again", "127.0.0.1")));
        assertThat(e.kind()).isEqualTo(CaseRefused.Kind.CONFLICT);
        assertThat(e.messageKey()).isEqualTo("cases.error.cannotOpen");
        assertThat(e.args()).isEmpty();
        String answer = mvc.perform(post("/vetting/cases").param("officerId", officer).param("reason", "again").param("lang", "en")
                        .with(as(other)).with(csrf()))
                .andReturn().getFlashMap().toString();
        assertThat(answer).contains("cases.error.cannotOpen").doesNotContain(reference).doesNotContain("#" + id).doesNotContain("=" + id);
    }

    @Test
    void theExportIsMadeOnlyByAPostWithItsCsrfToken() throws Exception {
        long id = open("routine review");
        long before = auditSize();
        mvc.perform(get("/vetting/cases/{id}/export", id).param("recipient", "Prokuroria").param("reason", "referral").with(as(member)))
                .andExpect(status().isMethodNotAllowed());
        mvc.perform(post("/vetting/cases/{id}/export", id).param("recipient", "Prokuroria").param("reason", "referral").with(as(member)))
                .andExpect(status().isForbidden());
        assertThat(auditSince(before)).noneMatch(e -> e.event().action() == AuditAction.DISCLOSURE);
        var zip = mvc.perform(post("/vetting/cases/{id}/export", id).param("recipient", "Prokuroria").param("reason", "referral")
                .with(as(member)).with(csrf())).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(zip.getContentType()).isEqualTo("application/zip");
        assertThat(auditSince(before)).filteredOn(e -> e.event().action() == AuditAction.DISCLOSURE).singleElement()
                .satisfies(e -> assertThat(e.event().actor()).isEqualTo(member));
    }

    private long auditSize() {
        return jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();
    }

    private List<RecordedEvent> auditSince(long from) {
        return jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(from)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1))).list();
    }
}
