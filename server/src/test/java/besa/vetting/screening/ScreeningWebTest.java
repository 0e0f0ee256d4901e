package besa.vetting.screening;

import static besa.access.TestLogins.account;
import static besa.access.TestTokens.bearer;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.ApiTokens;
import besa.access.Role;
import besa.access.TestTokens;
import besa.access.UserAccounts;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The screening API and page: vetting officers run and read; everyone else gets 403. */
@SpringBootTest
@AutoConfigureMockMvc
class ScreeningWebTest {
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired UserAccounts accounts;
    @Autowired ApiTokens tokens;

    @Test
    void theApiRunsAndListsForVettingOfficersOnly() throws Exception {
        String vetting = TestTokens.accountWithToken(accounts, tokens, "scr.api.vetting", Role.VETTING_OFFICER);
        String analyst = TestTokens.accountWithToken(accounts, tokens, "scr.api.analyst", Role.ANALYST);

        mvc.perform(post("/api/vetting/screening/run").with(bearer(vetting)).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk()).andExpect(jsonPath("$.kind").value("FULL")).andExpect(jsonPath("$.officers").isNumber());
        mvc.perform(get("/api/vetting/screening/runs").with(bearer(vetting)).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.requestedBy == 'scr.api.vetting' && @.kind == 'FULL')]").exists());

        mvc.perform(post("/api/vetting/screening/run").with(bearer(analyst))).andExpect(status().isForbidden());
        mvc.perform(get("/api/vetting/screening/runs").with(bearer(analyst))).andExpect(status().isForbidden());
        mvc.perform(post("/api/vetting/screening/run")).andExpect(status().isUnauthorized());
    }

    @Test
    void thePageShowsTheHistoryAndRunsWithCsrfInBothLanguages() throws Exception {
        var officer = account(jdbc, "scr.page.vetting", Role.VETTING_OFFICER);
        mvc.perform(get("/vetting/screening").with(officer)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Nis verifikimin e plotë tani")))
                .andExpect(content().string(Matchers.containsString("aria-current=\"page\"")));
        mvc.perform(post("/vetting/screening/run").with(officer)).andExpect(status().isForbidden()); // no CSRF token
        mvc.perform(post("/vetting/screening/run").with(officer).with(csrf())).andExpect(redirectedUrl("/vetting/screening"));
        mvc.perform(get("/vetting/screening").param("lang", "en").with(officer)).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Run full screening now")))
                .andExpect(content().string(Matchers.containsString("scr.page.vetting")));

        var analyst = account(jdbc, "scr.page.analyst", Role.ANALYST);
        mvc.perform(get("/vetting/screening").with(analyst)).andExpect(status().isForbidden());
        mvc.perform(post("/vetting/screening/run").with(analyst).with(csrf())).andExpect(status().isForbidden());
    }

    @Test
    void aVettingOfficerUnderReviewMayNotRunIt() throws Exception {
        var officer = account(jdbc, "scr.page.suspended", Role.VETTING_OFFICER);
        jdbc.sql("update app_user set vetting_status = 'UNDER_REVIEW' where username = 'scr.page.suspended'").update();
        mvc.perform(get("/vetting/screening").with(officer)).andExpect(status().isForbidden());
        mvc.perform(post("/vetting/screening/run").with(officer).with(csrf())).andExpect(status().isForbidden());
    }
}
