package besa.vetting;

import static besa.access.TestLogins.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.AccessProfiles;
import besa.access.ApiTokens;
import besa.access.Role;
import besa.access.TestTokens;
import besa.access.UserAccounts;
import besa.audit.AuditAction;
import besa.audit.AuditCodec;
import besa.audit.AuditOutcome;
import besa.audit.RecordedEvent;
import besa.vetting.alert.AlertWriter;
import besa.vetting.casefile.CaseFixture;
import besa.vetting.casefile.Cases;
import besa.vetting.casefile.Outcome;
import besa.vetting.casefile.Pillar;
import besa.vetting.casefile.PillarFinding;
import besa.vetting.personnel.PersonnelRegister;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A vetting officer who is himself the subject of an open vetting case or alert does no vetting work
 * (pages and API: 403 with the neutral "suspended" text, a SECURITY_ALERT in the trail); closing the
 * case or dismissing the alert gives his access back. An account without an officer id is refused too.
 */
@SpringBootTest
@AutoConfigureMockMvc
class VettingSuspensionTest {
    private static final String SUSPENDED_EN = "Your vetting access is suspended. Contact the head of the unit.";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired VettingAccess access;
    @Autowired PersonnelRegister personnel;
    @Autowired AlertWriter alerts;
    @Autowired AccessProfiles profiles;
    @Autowired Cases cases;
    @Autowired UserAccounts accounts;
    @Autowired ApiTokens tokens;
    @Autowired besa.access.AccessPolicy policy;
    @Autowired besa.vetting.alert.AlertStore alertStore;

    CaseFixture f;
    String subjectOfficer;
    String subject;
    String colleague;

    @BeforeEach
    void setUp() {
        f = new CaseFixture(jdbc, access, personnel, alerts, profiles);
        subjectOfficer = f.officer("susp", "Ermal", "Gani", "Dervishi");
        subject = f.vettingOfficer(f.user("vo-subject"), subjectOfficer);
        colleague = f.vettingOfficer(f.user("vo-colleague"), null);
    }

    private RequestPostProcessor as(String name) {
        return user(name, Role.VETTING_OFFICER.name());
    }

    private long auditSize() {
        return jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();
    }

    private List<RecordedEvent> auditSince(long from) {
        return jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(from)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1))).list();
    }

    private void worksNormally() throws Exception {
        mvc.perform(get("/vetting/alerts").with(as(subject))).andExpect(status().isOk());
        mvc.perform(get("/api/vetting/personnel").with(as(subject))).andExpect(status().isOk());
    }

    private void isSuspended() throws Exception {
        long from = auditSize();
        String page = mvc.perform(get("/vetting/alerts").param("lang", "en").with(as(subject))).andExpect(status().isForbidden())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(SUSPENDED_EN).doesNotContain("does not give access");
        String sq = mvc.perform(get("/vetting/personnel").with(as(subject))).andExpect(status().isForbidden())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(sq).contains("Hyrja juaj në vetting është pezulluar");
        mvc.perform(get("/api/vetting/personnel").with(as(subject))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:besa:problem:vetting-access-suspended"))
                .andExpect(jsonPath("$.detail").value(SUSPENDED_EN));
        mvc.perform(get("/api/vetting/alerts").with(as(subject))).andExpect(status().isForbidden());
        mvc.perform(get("/vetting/cases").with(as(subject))).andExpect(status().isForbidden());
        assertThat(auditSince(from)).filteredOn(e -> e.event().actor().equals(subject) && e.event().action() == AuditAction.SECURITY_ALERT)
                .isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(e.event().target()).isEqualTo(VettingAccess.SUSPENDED_TARGET);
                    assertThat(e.event().outcome()).isEqualTo(AuditOutcome.DENIED);
                });
    }

    /** A vetting officer takes the alert up: the human act after which it suspends its subject. */
    private long assigned(long alert) {
        f.system(() -> jdbc.sql("update vetting_alert set status = 'ASSIGNED', assignee = ? where id = ?").params(colleague, alert).update());
        return alert;
    }

    private int clearanceOf(String name) {
        var context = org.springframework.security.core.context.SecurityContextHolder.getContext();
        context.setAuthentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(name, null, List.of()));
        try {
            return policy.scope().clearance();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }

    @Test
    void anOpenAlertAboutTheOfficerSuspendsHisVettingWorkOnceTakenUpUntilItIsDismissed() throws Exception {
        worksNormally();
        long alert = f.alert(subjectOfficer);
        // Raised by screening on its own (NEW): nobody has looked yet, so nothing tips him off.
        worksNormally();
        assigned(alert);
        isSuspended();
        // His colleague works on, and sees the alert.
        mvc.perform(get("/api/vetting/alerts/{id}", alert).with(as(colleague))).andExpect(status().isOk());

        f.system(() -> jdbc.sql("update vetting_alert set status = 'DISMISSED', dismiss_reason = 'no concern' where id = ?").param(alert).update());
        worksNormally();
    }

    @Test
    void anInsiderAlertOnHisAccountSuspendsHimToo() throws Exception {
        f.system(() -> jdbc.sql("insert into vetting_alert (origin, username, score) values ('INSIDER', ?, 0.7)").param(subject).update());
        worksNormally();
        f.system(() -> jdbc.sql("update vetting_alert set status = 'ASSIGNED', assignee = ? where username = ?").params(colleague, subject).update());
        isSuspended();
        f.system(() -> jdbc.sql("update vetting_alert set status = 'DISMISSED', dismiss_reason = 'explained' where username = ?").param(subject).update());
        worksNormally();
    }

    @Test
    void anOpenCaseAboutTheOfficerSuspendsHimAndClosingItRestoresHisAccess() throws Exception {
        long id = CaseFixture.as(colleague, () -> cases.open(subjectOfficer, null, "routine vetting", "127.0.0.1")).id();
        isSuspended();
        // The API token path is refused the same way.
        String token = TestTokens.accountWithToken(accounts, tokens, subject, Role.VETTING_OFFICER);
        mvc.perform(get("/api/vetting/leads").with(TestTokens.bearer(token))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:besa:problem:vetting-access-suspended"));

        CaseFixture.as(colleague, () -> {
            for (Pillar p : Pillar.values()) cases.decide(id, p, PillarFinding.SATISFACTORY, "nothing found", "127.0.0.1");
            cases.close(id, Outcome.CLEARED, "cleared", "127.0.0.1");
            return null;
        });
        worksNormally();
    }

    @Test
    void anOfficerIdWrittenInAnotherCaseStillMatches() throws Exception {
        // The account's id differs from the register's only by case and spaces (V105's rule): still the subject.
        profiles.linkOfficer(subject, " " + subjectOfficer.toLowerCase() + " ");
        assigned(f.alert(subjectOfficer));
        isSuspended();
    }

    @Test
    void aVettingOfficerWithoutAnOfficerIdIsRefusedUntilOneIsSet() throws Exception {
        jdbc.sql("update app_user set officer_id = null where username = ?").param(subject).update();
        String page = mvc.perform(get("/vetting/alerts").param("lang", "en").with(as(subject))).andExpect(status().isForbidden())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("officer id (officer_id)");
        mvc.perform(get("/api/vetting/personnel").with(as(subject))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:besa:problem:vetting-access-no-officer-id"));
        
        profiles.linkOfficer(subject, subjectOfficer);
        worksNormally();
    }

    @Test
    void aSuspendedOfficerIsCappedAtH1AsOneWhoseOwnVettingIsNotCleared() {
        assertThat(clearanceOf(subject)).isEqualTo(3);
        assigned(f.alert(subjectOfficer));
        assertThat(clearanceOf(subject)).isEqualTo(1);
        jdbc.sql("update app_user set vetting_status = 'UNDER_REVIEW' where username = ?").param(colleague).update();
        assertThat(clearanceOf(colleague)).isEqualTo(1);
    }

    @Test
    void aBarredOfficerIsNoAssigneeNoCaseMemberAndAsksNoAssignabilityQuestion() throws Exception {
        String unlinked = f.vettingOfficer(f.user("vo-unlinked"), null);
        jdbc.sql("update app_user set officer_id = null where username = ?").param(unlinked).update();
        String other = f.officer("oth", "Arta", "Pal", "Kola");
        long otherAlert = f.alert(other);
        assigned(f.alert(subjectOfficer)); // the subject is suspended now
        var row = f.system(() -> alertStore.find(otherAlert, "", false).orElseThrow());
        List<String> assignees = f.system(() -> alertStore.assignable(row)).stream().map(besa.vetting.alert.AlertStore.Assignee::username).toList();
        assertThat(assignees).contains(colleague).doesNotContain(subject, unlinked);

        long caseId = CaseFixture.as(colleague, () -> cases.open(other, null, "routine vetting", "127.0.0.1")).id();
        for (String u : List.of(subject, unlinked)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> CaseFixture.as(colleague, () -> {
                cases.addMember(caseId, u, "a second reader", "127.0.0.1");
                return null;
            })).isInstanceOf(besa.vetting.casefile.CaseRefused.class).hasMessageContaining("memberNotEligible");
        }

        mvc.perform(get("/api/assignability/{o}", other).with(as(colleague))).andExpect(status().isOk());
        mvc.perform(get("/api/assignability/{o}", other).with(as(subject))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:besa:problem:vetting-access-suspended"));
        // Without an officer id he could ask about himself unnoticed: refused too.
        mvc.perform(get("/api/assignability/{o}", other).with(as(unlinked))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:besa:problem:vetting-access-no-officer-id"));
    }

    @Test
    void theVettingMenuIsShownOnlyWhileVettingWorkIsAllowed() throws Exception {
        String menu = "href=\"/vetting/alerts\"";
        assertThat(mvc.perform(get("/account/tokens").with(as(subject))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).contains(menu);
        assigned(f.alert(subjectOfficer));
        assertThat(mvc.perform(get("/account/tokens").with(as(subject))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).doesNotContain(menu);
    }

    @Test
    void theSystemIsNeverSuspended() {
        f.alert(subjectOfficer);
        boolean reads = access.system(s -> s.readsVetting());
        assertThat(reads).isTrue();
    }
}
