package besa.access;

import static besa.access.TestLogins.user;
import static besa.access.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** A vetting officer's account must name the officer he is: creation and role grant refuse it without one, naming the field. */
@SpringBootTest
@AutoConfigureMockMvc
class AccountOfficerIdTest {
    @Autowired MockMvc mvc;
    @Autowired UserAccounts accounts;
    @Autowired ApiTokens tokens;
    @Autowired JdbcClient jdbc;
    @Autowired AccountAdministration admin;
    @Autowired org.springframework.transaction.PlatformTransactionManager tm;
    @Autowired besa.vetting.OfficerPseudonyms pseudonyms;

    String run, adminName, adminToken;

    @BeforeEach
    void admin() {
        run = LockoutTest.run();
        adminName = "admin.oid." + run;
        adminToken = TestTokens.accountWithToken(accounts, tokens, adminName, Role.ADMINISTRATOR);
        // The ids the tests link must be officers of the personnel register.
        for (String id : new String[] {"ASP-", "ASP-G", "ASP-O", "ASP-P", "ASP-U", "ASP-V"}) asSystem("insert into officer (id, given_name, surname) values (?, 'Test', 'Officer')", id + run);
    }

    private void asSystem(String sql, Object... params) {
        new org.springframework.transaction.support.TransactionTemplate(tm).executeWithoutResult(t -> {
            jdbc.sql("select set_config('besa.system', 'on', true)").query().singleRow();
            jdbc.sql(sql).params(params).update();
        });
    }

    private long auditSize() {
        return jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();
    }

    private java.util.List<String> auditSince(long from) {
        return jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(from)
                .query((rs, n) -> besa.audit.AuditCodec.decode(rs.getBytes(1)).event().toString()).list();
    }

    private String vettingOfficer(String u, String officer) throws Exception {
        mvc.perform(json(post("/api/admin/accounts"), """
                {"username":"%s","displayName":"Vetting","roles":["VETTING_OFFICER"],"password":"initial password 1","officerId":"%s"}""".formatted(u, officer)))
                .andExpect(status().isCreated());
        return u;
    }

    @Test
    void anOfficerIdMustBeARegisteredOfficerNotHeldByAnotherAccount() throws Exception {
        // Not in the register: refused, on creation and on linking.
        mvc.perform(json(post("/api/admin/accounts"), """
                {"username":"vo.unreg.%s","displayName":"Vetting","roles":["VETTING_OFFICER"],"password":"initial password 1","officerId":"NOPE-%s"}""".formatted(run, run)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail", containsString("personnel register")));
        String a = vettingOfficer("vo.a." + run, "ASP-U" + run);
        mvc.perform(json(put("/api/admin/accounts/" + a + "/officer"), "{\"officerId\":\"ASP-U" + run + "x\",\"reason\":\"typo\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail", containsString("personnel register")));
        // Held by another account (in another case, with spaces): refused.
        mvc.perform(json(post("/api/admin/accounts"), """
                {"username":"vo.b.%s","displayName":"Vetting","roles":["VETTING_OFFICER"],"password":"initial password 1","officerId":" asp-u%s "}""".formatted(run, run)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail", containsString("already the officer id of account '" + a + "'")));
        assertThat(officerId(a)).isEqualTo("ASP-U" + run);
    }

    @Test
    void anOfficerIdUnderOpenVettingCannotBeChangedAndTheTrailSaysSetOrChanged() throws Exception {
        String u = "vo.new." + run;
        mvc.perform(json(post("/api/admin/accounts"), """
                {"username":"%s","displayName":"Plain","roles":["ANALYST"],"password":"initial password 1"}""".formatted(u))).andExpect(status().isCreated());
        long from = auditSize();
        mvc.perform(json(put("/api/admin/accounts/" + u + "/officer"), "{\"officerId\":\"ASP-U" + run + "\",\"reason\":\"link\"}")).andExpect(status().isOk());
        mvc.perform(json(put("/api/admin/accounts/" + u + "/officer"), "{\"officerId\":\"ASP-G" + run + "\",\"reason\":\"wrong record\"}")).andExpect(status().isOk());
        java.util.List<String> trail = auditSince(from);
        String u1 = pseudonyms.of("ASP-U" + run), g1 = pseudonyms.of("ASP-G" + run);
        assertThat(trail).anySatisfy(e -> assertThat(e).contains("officer id set (" + u1 + "): link"))
                .anySatisfy(e -> assertThat(e).contains("officer id changed (" + u1 + " -> " + g1 + "): wrong record"))
                .noneSatisfy(e -> assertThat(e).contains("ASP-"));
        // An alert, even one nobody has taken up yet, about the current id: the id stays (a rename would lift his protection).
        asSystem("insert into vetting_alert (origin, officer_id, score) values ('SCREENING', ?, 0.8)", "ASP-G" + run);
        mvc.perform(json(put("/api/admin/accounts/" + u + "/officer"), "{\"officerId\":\"ASP-V" + run + "\",\"reason\":\"rename\"}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail", containsString("open vetting work")));
        assertThat(officerId(u)).isEqualTo("ASP-G" + run);
    }

    private MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder b, String body) {
        return b.with(bearer(adminToken)).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private String officerId(String username) {
        return jdbc.sql("select officer_id from app_user where username = ?").param(username).query((rs, n) -> rs.getString(1)).single();
    }

    @Test
    void creatingAVettingOfficerNeedsAnOfficerId() throws Exception {
        String u = "vo.new." + run;
        mvc.perform(json(post("/api/admin/accounts"), """
                {"username":"%s","displayName":"Vetting","roles":["VETTING_OFFICER"],"password":"initial password 1"}""".formatted(u)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail", containsString("officerId")))
                .andExpect(jsonPath("$.detail", containsString("VETTING_OFFICER")));
        assertThat(accounts.find(u)).isEmpty();
        mvc.perform(json(post("/api/admin/accounts"), """
                {"username":"%s","displayName":"Vetting","roles":["VETTING_OFFICER"],"password":"initial password 1","officerId":"  "}""".formatted(u)))
                .andExpect(status().isBadRequest());
        mvc.perform(json(post("/api/admin/accounts"), """
                {"username":"%s","displayName":"Vetting","roles":["VETTING_OFFICER"],"password":"initial password 1","officerId":" ASP-%s "}""".formatted(u, run)))
                .andExpect(status().isCreated());
        assertThat(officerId(u)).isEqualTo("ASP-" + run);
        // Other roles need none.
        mvc.perform(json(post("/api/admin/accounts"), """
                {"username":"an.new.%s","displayName":"Analyst","roles":["ANALYST"],"password":"initial password 1"}""".formatted(run)))
                .andExpect(status().isCreated());
    }

    @Test
    void grantingTheVettingRoleNeedsAnOfficerIdGivenOrAlreadySet() throws Exception {
        String u = "an.grant." + run;
        accounts.upsert(u, u, "a long enough password", Set.of(Role.ANALYST));
        mvc.perform(json(put("/api/admin/accounts/" + u + "/roles"), "{\"roles\":[\"VETTING_OFFICER\"],\"reason\":\"joins the unit\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail", containsString("officerId")));
        assertThat(accounts.find(u).orElseThrow().roles()).containsExactly(Role.ANALYST);
        mvc.perform(json(put("/api/admin/accounts/" + u + "/roles"), "{\"roles\":[\"VETTING_OFFICER\"],\"reason\":\"joins the unit\",\"officerId\":\"ASP-G" + run + "\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.roles[0]").value("VETTING_OFFICER"));
        assertThat(officerId(u)).isEqualTo("ASP-G" + run);

        // An existing vetting officer without one (from before this rule) gets it set on its own.
        String old = "vo.old." + run;
        accounts.upsert(old, old, "a long enough password", Set.of(Role.VETTING_OFFICER));
        jdbc.sql("update app_user set officer_id = null where username = ?").param(old).update();
        // Administrators can find such accounts: the API says whether one is linked (never the id), the page marks it.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/admin/accounts/" + old).with(bearer(adminToken)))
                .andExpect(jsonPath("$.officerLinked").value(false));
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/admin/accounts").param("lang", "en")
                        .with(user(adminName, "ADMINISTRATOR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("no officer id: no vetting work");
        mvc.perform(json(put("/api/admin/accounts/" + old + "/officer"), "{\"officerId\":\"\",\"reason\":\"link\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail", containsString("officerId")));
        mvc.perform(json(put("/api/admin/accounts/" + old + "/officer"), "{\"officerId\":\"ASP-O" + run + "\",\"reason\":\"link to his record\"}"))
                .andExpect(status().isOk());
        assertThat(officerId(old)).isEqualTo("ASP-O" + run);
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/admin/accounts/" + old).with(bearer(adminToken)))
                .andExpect(jsonPath("$.officerLinked").value(true))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.not(containsString("ASP-O" + run))));
        // Nobody links his own account.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> admin.setOfficerId(adminName, "", adminName, "X-1", "me"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void thePageNamesTheMissingField() throws Exception {
        String u = "vo.page." + run;
        String html = mvc.perform(post("/admin/accounts").param("username", u).param("displayName", "Vetting").param("roles", "VETTING_OFFICER")
                        .param("password", "initial password 1").param("lang", "en").with(user(adminName, "ADMINISTRATOR")).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("officerId: an account with the role VETTING_OFFICER needs the officer id");
        assertThat(accounts.find(u)).isEmpty();
        mvc.perform(post("/admin/accounts").param("username", u).param("displayName", "Vetting").param("roles", "VETTING_OFFICER")
                .param("password", "initial password 1").param("officerId", "ASP-P" + run).with(user(adminName, "ADMINISTRATOR")).with(csrf()))
                .andExpect(status().isOk());
        assertThat(officerId(u)).isEqualTo("ASP-P" + run);
    }
}
