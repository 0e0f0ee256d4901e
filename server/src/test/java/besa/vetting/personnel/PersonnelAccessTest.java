package besa.vetting.personnel;

import static besa.access.TestLogins.account;
import static besa.vetting.personnel.PersonnelTestSupport.importCsv;
import static besa.vetting.personnel.PersonnelTestSupport.trailSince;
import static besa.vetting.personnel.PersonnelTestSupport.trailSize;
import static besa.vetting.personnel.PersonnelTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.ApiTokens;
import besa.access.Role;
import besa.access.TestTokens;
import besa.access.UserAccounts;
import besa.audit.AuditAction;
import besa.audit.AuditOutcome;
import besa.audit.RecordedEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Who reaches the personnel register and leads, the subject-protection rule, the audit of every read, and the pages. */
@SpringBootTest
@AutoConfigureMockMvc
class PersonnelAccessTest {
    private static final String HEADER = "officer_id,given_name,father_name,surname,phones\n";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired UserAccounts accounts;
    @Autowired ApiTokens tokens;
    @Autowired besa.vetting.OfficerPseudonyms pseudonyms;

    private RequestPostProcessor vetting() {
        return account(jdbc, "vetting.reader", Role.VETTING_OFFICER);
    }

    private String officer(String givenName) throws Exception {
        String id = unique("P");
        mvc.perform(importCsv("register", HEADER + id + "," + givenName + ",Ilir,Hoxha,069 123 4567\n").with(vetting())).andExpect(status().isOk());
        return id;
    }

    @Test
    void anAnalystAndAnUnclearedVettingOfficerGet403() throws Exception {
        String id = officer("Arben");
        RequestPostProcessor analyst = account(jdbc, "analyst.curious", Role.ANALYST);
        mvc.perform(get("/api/vetting/personnel").with(analyst)).andExpect(status().isForbidden());
        mvc.perform(get("/api/vetting/personnel/" + id).with(analyst)).andExpect(status().isForbidden());
        mvc.perform(get("/api/vetting/leads").with(analyst)).andExpect(status().isForbidden());
        mvc.perform(importCsv("register", HEADER + "X,Y,,Z,\n").with(analyst)).andExpect(status().isForbidden());
        mvc.perform(get("/vetting/personnel").with(analyst)).andExpect(status().isForbidden());
        mvc.perform(get("/vetting/leads").with(analyst)).andExpect(status().isForbidden());

        RequestPostProcessor underReview = account(jdbc, "vetting.under.review", Role.VETTING_OFFICER);
        jdbc.sql("update app_user set vetting_status = 'UNDER_REVIEW' where username = 'vetting.under.review'").update();
        mvc.perform(get("/api/vetting/personnel/" + id).with(underReview)).andExpect(status().isForbidden());
        mvc.perform(get("/vetting/personnel/import").with(underReview)).andExpect(status().isForbidden());
        mvc.perform(importCsv("register", HEADER + unique("X") + ",Y,,Z,\n").with(underReview)).andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from officer where given_name = 'Y'").query(Long.class).single()).isZero();
    }

    @Test
    void aVettingOfficerAskingForHisOwnRecordGetsTheAnswerOfAMissingIdAndASecurityAlert() throws Exception {
        String own = officer("Vetan");
        String other = officer("Tjetri");
        RequestPostProcessor self = account(jdbc, "vetting.self", Role.VETTING_OFFICER);
        jdbc.sql("update app_user set officer_id = ? where username = 'vetting.self'").param(own).update();
        long from = trailSize(jdbc);

        String ownAnswer = mvc.perform(get("/api/vetting/personnel/" + own).with(self)).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        String missingAnswer = mvc.perform(get("/api/vetting/personnel/NO-SUCH-ID").with(self)).andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        assertThat(ownAnswer.replace(own, "ID")).isEqualTo(missingAnswer.replace("NO-SUCH-ID", "ID"));
        mvc.perform(get("/vetting/personnel/" + own).with(self)).andExpect(status().isNotFound());

        List<RecordedEvent> trail = trailSince(jdbc, from);
        assertThat(trail).filteredOn(e -> e.event().action() == AuditAction.SECURITY_ALERT)
                .hasSize(2)
                .allSatisfy(e -> {
                    assertThat(e.event().actor()).isEqualTo("vetting.self");
                    // Not his id, not even his pseudonym: with it he could follow vetting work on him in the trail.
                    assertThat(e.event().target()).isEqualTo("officer (his own record)").doesNotContain(own);
                    assertThat(e.event().outcome()).isEqualTo(AuditOutcome.DENIED);
                });
        assertThat(trail).filteredOn(e -> e.event().action() == AuditAction.SECURITY_ALERT && e.event().target().contains("NO-SUCH-ID")).isEmpty();

        // His own record is not in his lists either, while a colleague's is.
        mvc.perform(get("/api/vetting/personnel").param("q", own).with(self)).andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/vetting/personnel").param("q", other).with(self)).andExpect(jsonPath("$.total").value(1));
        mvc.perform(get("/api/vetting/personnel/" + other).with(self)).andExpect(status().isOk());
    }

    @Test
    void theApiTakesATokenAndEveryReadIsAudited() throws Exception {
        String id = officer("Token");
        String token = TestTokens.accountWithToken(accounts, tokens, "vetting.token", Role.VETTING_OFFICER);
        long from = trailSize(jdbc);
        mvc.perform(get("/api/vetting/personnel/" + id).with(TestTokens.bearer(token)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.identifiers[0].kind").value("PHONE"))
                .andExpect(jsonPath("$.identifiers[0].value").value("+355691234567"))
                .andExpect(jsonPath("$.identifiers[0].origin").value("HR"));
        mvc.perform(get("/api/vetting/personnel").param("q", "token").with(TestTokens.bearer(token))).andExpect(status().isOk());
        mvc.perform(get("/api/vetting/personnel/NOT-" + id).with(TestTokens.bearer(token)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:besa:problem:not-found"))
                .andExpect(jsonPath("$.title").value("Not found"));
        mvc.perform(get("/api/vetting/personnel/" + id)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/openapi").with(TestTokens.bearer(token)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/vetting/personnel'].get.summary").value("List officers"))
                .andExpect(jsonPath("$.paths['/api/vetting/personnel/{id}'].get").exists())
                .andExpect(jsonPath("$.paths['/api/vetting/personnel/import'].post").exists())
                .andExpect(jsonPath("$.paths['/api/vetting/leads'].get").exists())
                .andExpect(jsonPath("$.paths['/api/vetting/leads/import'].post").exists());

        List<RecordedEvent> trail = trailSince(jdbc, from);
        assertThat(trail).extracting(e -> e.event().actor() + " " + e.event().action() + " " + e.event().target() + " " + e.event().outcome())
                .contains("vetting.token CONSULTATION " + pseudonyms.of(id) + " SUCCESS",
                        "vetting.token CONSULTATION vetting personnel list q=" + pseudonyms.fingerprint("token") + " page=0 SUCCESS",
                        "vetting.token CONSULTATION officer " + pseudonyms.fingerprint("NOT-" + id) + " FAILED");
        assertThat(trail).noneMatch(e -> e.event().target().contains(id));
    }

    @Test
    void thePagesListShowAndImportInAlbanianAndEnglish() throws Exception {
        String id = officer("Faqja");
        String list = mvc.perform(get("/vetting/personnel").param("q", id).with(vetting())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("Regjistri i personelit", id, "Faqja (Ilir) Hoxha", "aktiv");
        String english = mvc.perform(get("/vetting/personnel").param("q", id).param("lang", "en").with(vetting())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Personnel register", "active");

        String detail = mvc.perform(get("/vetting/personnel/" + id).with(vetting())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(detail).contains("+355691234567", "069 123 4567", "/vetting/alerts?officer=" + id, "Identifikuesit");

        String form = mvc.perform(get("/vetting/personnel/import").param("lang", "en").with(vetting())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(form).contains("This file is the whole register", "_csrf");

        String ok = unique("P");
        String result = mvc.perform(multipart("/vetting/personnel/import")
                        .file(new MockMultipartFile("file", "hr.csv", "text/csv", (HEADER + ok + ",Arben,,Hoxha,\n").getBytes(StandardCharsets.UTF_8)))
                        .param("kind", "register").param("lang", "en").with(vetting()).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(result).contains("Imported.", "New officers");
        String refused = mvc.perform(multipart("/vetting/personnel/import")
                        .file(new MockMultipartFile("file", "hr.csv", "text/csv", (HEADER + unique("P") + ",Arben,,Hoxha,abc\n").getBytes(StandardCharsets.UTF_8)))
                        .param("kind", "register").with(vetting()).with(csrf()))
                .andExpect(status().isUnprocessableContent()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("Skedari u refuzua", "not a phone number", "phones");
        mvc.perform(multipart("/vetting/personnel/import")
                        .file(new MockMultipartFile("file", "hr.csv", "text/csv", (HEADER + ok + ",Arben,,Hoxha,\n").getBytes(StandardCharsets.UTF_8)))
                        .param("kind", "register").with(vetting()))
                .andExpect(status().isForbidden()); // no CSRF token

        String leads = mvc.perform(multipart("/vetting/leads/import")
                        .file(new MockMultipartFile("file", "leads.csv", "text/csv", PersonnelTestSupport.example("leads.csv").getBytes(StandardCharsets.UTF_8)))
                        .param("lang", "en").with(vetting()).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(leads).contains("Integrity leads", "EU-SKY-2024-0117", "SKY_ECC");
    }
}
