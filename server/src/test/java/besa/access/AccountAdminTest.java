package besa.access;

import static besa.access.LockoutTest.auditSince;
import static besa.access.LockoutTest.auditSize;
import static besa.access.TestTokens.bearer;
import static besa.access.TestTokens.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static besa.access.TestLogins.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.audit.AuditAction;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Administrators manage accounts (page and REST); every change is audited; nobody else gets in. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestClock.Config.class)
class AccountAdminTest {
    @Autowired MockMvc mvc;
    @Autowired UserAccounts accounts;
    @Autowired ApiTokens tokens;
    @Autowired JdbcClient jdbc;

    String run, admin, adminToken;

    @BeforeEach
    void admin() {
        run = LockoutTest.run();
        admin = "admin." + run;
        adminToken = TestTokens.accountWithToken(accounts, tokens, admin, Role.ADMINISTRATOR);
    }

    MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder b, String body) {
        return b.with(bearer(adminToken)).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void onlyAdministratorsGetIn() throws Exception {
        String analyst = TestTokens.accountWithToken(accounts, tokens, "not.admin." + run, Role.ANALYST, Role.AUDITOR);
        mvc.perform(get("/api/admin/accounts").with(bearer(analyst))).andExpect(status().isForbidden());
        mvc.perform(get("/api/admin/accounts")).andExpect(status().isUnauthorized());
        mvc.perform(get("/admin/accounts").with(user("not.admin." + run))).andExpect(status().isForbidden());
        mvc.perform(get("/api/admin/accounts").with(bearer(adminToken))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.username == '" + admin + "')].roles[0]").value("ADMINISTRATOR"))
                .andExpect(content().string(not(containsString("password"))));
    }

    @Test
    void anAccountsLifeOverRestIsAudited() throws Exception {
        String u = "officer." + run;
        long before = auditSize(jdbc);
        mvc.perform(json(post("/api/admin/accounts"), """
                {"username":"%s","displayName":"Officer","roles":["ANALYST"],"password":"initial password 1"}""".formatted(u)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("ACTIVE"));
        mvc.perform(post("/api/admin/accounts/" + u + "/suspend").with(bearer(adminToken)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"under investigation\"}"))
                .andExpect(jsonPath("$.status").value("SUSPENDED")).andExpect(jsonPath("$.suspensionReason").value("under investigation"));
        mvc.perform(post("/api/admin/accounts/" + u + "/enable").with(bearer(adminToken))).andExpect(jsonPath("$.status").value("ACTIVE"));
        mvc.perform(json(put("/api/admin/accounts/" + u + "/roles"), "{\"roles\":[\"ANALYST\",\"AUDITOR\"],\"reason\":\"ticket 41\"}"))
                .andExpect(jsonPath("$.roles.length()").value(2));
        mvc.perform(post("/api/admin/accounts/" + u + "/disable").with(bearer(adminToken))).andExpect(jsonPath("$.status").value("DISABLED"));
        mvc.perform(post("/login").param("username", u).param("password", "initial password 1").with(csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/login?error"));

        var events = auditSince(jdbc, before).stream().filter(e -> e.actor().equals(admin) && e.target().equals(u)).toList();
        assertThat(events).extracting(e -> e.action() + " " + e.justification()).containsExactly(
                "ACCOUNT_CHANGE created account with roles ANALYST",
                "ACCOUNT_CHANGE suspended until re-enabled: under investigation",
                "ACCOUNT_CHANGE enabled",
                "ROLE_CHANGE roles ANALYST -> ANALYST,AUDITOR: ticket 41",
                "ACCOUNT_CHANGE disabled");
    }

    @Test
    void badRequestsAreProblemDetails() throws Exception {
        mvc.perform(json(post("/api/admin/accounts"), "{\"username\":\"Bad Name\",\"displayName\":\"x\",\"roles\":[\"ANALYST\"],\"password\":\"long enough password\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail", containsString("username 'Bad Name'")));
        mvc.perform(json(post("/api/admin/accounts"), "{\"username\":\"norole." + run + "\",\"displayName\":\"x\",\"roles\":[],\"password\":\"long enough password\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("an account needs at least one role"));
        mvc.perform(json(post("/api/admin/accounts"), "{\"username\":\"short." + run + "\",\"displayName\":\"x\",\"roles\":[\"ANALYST\"],\"password\":\"short\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("a password needs at least 12 characters"));
        mvc.perform(json(put("/api/admin/accounts/" + admin + "/roles"), "{\"roles\":[\"KING\"]}")).andExpect(status().isBadRequest());
        mvc.perform(post("/api/admin/accounts/nobody." + run + "/disable").with(bearer(adminToken))).andExpect(status().isNotFound());
        mvc.perform(post("/api/admin/accounts/" + admin + "/disable").with(bearer(adminToken))).andExpect(status().isConflict());
        mvc.perform(json(put("/api/admin/accounts/" + admin + "/roles"), "{\"roles\":[\"AUDITOR\"],\"reason\":\"x\"}")).andExpect(status().isConflict());
        assertThat(accounts.find("norole." + run)).isEmpty();
        assertThat(accounts.find(admin).orElseThrow().roles()).containsExactly(Role.ADMINISTRATOR);
    }

    @Test
    void unlockLiftsALockout() throws Exception {
        String u = "locked." + run, address = LockoutTest.address();
        accounts.upsert(u, "Locked", "the right password", Set.of(Role.ANALYST));
        for (int i = 0; i < 5; i++) mvc.perform(post("/login").param("username", u).param("password", "wrong " + i).with(csrf()).with(from(address)));
        assertThat(accounts.find(u).orElseThrow().locked()).isTrue();
        long before = auditSize(jdbc);
        mvc.perform(post("/api/admin/accounts/" + u + "/unlock").with(bearer(adminToken))).andExpect(jsonPath("$.lockedUntil").isEmpty());
        mvc.perform(post("/login").param("username", u).param("password", "the right password").with(csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/"));
        assertThat(auditSince(jdbc, before)).anyMatch(e -> e.action() == AuditAction.ACCOUNT_CHANGE && e.target().equals(u)
                && e.justification().equals("unlocked") && e.actor().equals(admin));
    }

    @Test
    void serviceAccountsGetTokensFromAdministratorsPeopleDoNot() throws Exception {
        String svc = "svc." + run, person = "person." + run;
        mvc.perform(json(post("/api/admin/accounts"), """
                {"username":"%s","displayName":"Nightly import","roles":["ANALYST"],"service":true}""".formatted(svc)))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.service").value(true));
        String body = mvc.perform(json(post("/api/admin/accounts/" + svc + "/tokens"), "{\"label\":\"nightly\",\"days\":30}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.token", org.hamcrest.Matchers.startsWith("besa_")))
                .andReturn().getResponse().getContentAsString();
        String token = body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        mvc.perform(get("/api/sources").with(bearer(token))).andExpect(status().isOk());
        long id = tokens.list(svc).getFirst().id();
        mvc.perform(get("/api/admin/accounts/" + svc + "/tokens").with(bearer(adminToken)))
                .andExpect(jsonPath("$[0].label").value("nightly")).andExpect(content().string(not(containsString(token))));

        accounts.upsert(person, "Person", "a person's password", Set.of(Role.ANALYST));
        mvc.perform(json(post("/api/admin/accounts/" + person + "/tokens"), "{\"label\":\"x\"}")).andExpect(status().isBadRequest());

        mvc.perform(delete("/api/admin/accounts/" + svc + "/tokens/" + id).with(bearer(adminToken))).andExpect(status().isNoContent());
        mvc.perform(get("/api/sources").with(bearer(token))).andExpect(status().isUnauthorized());
    }

    @Test
    void theOpenApiDocumentDescribesTheAccountApiButNotThePages() throws Exception {
        mvc.perform(get("/api/openapi").with(bearer(adminToken))).andExpect(status().isOk())
                .andExpect(content().string(containsString("\"/api/admin/accounts/{username}/roles\"")))
                .andExpect(content().string(containsString("\"/api/tokens/{id}\"")))
                .andExpect(content().string(not(containsString("\"/admin/accounts\""))))
                .andExpect(content().string(not(containsString("\"/account/tokens\""))));
    }

    @Test
    void thePageIsBilingualAndActs() throws Exception {
        TestAccounts.ensure(jdbc, admin, Role.ADMINISTRATOR);
        String u = "page." + run;
        accounts.upsert(u, "Page Officer", "a page password!", Set.of(Role.ANALYST));
        mvc.perform(get("/admin/accounts").with(user(admin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Llogaritë")))
                .andExpect(content().string(containsString("Çaktivizo")))
                .andExpect(content().string(containsString(u)));
        mvc.perform(get("/admin/accounts").param("lang", "en").with(user(admin)))
                .andExpect(content().string(containsString("Create account")));
        mvc.perform(post("/admin/accounts/" + u + "/suspend").param("reason", "on leave").param("until", "2099-01-01").param("lang", "en")
                        .with(user(admin)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Account " + u + " suspended")));
        assertThat(accounts.find(u).orElseThrow().status()).isEqualTo(AccountStatus.SUSPENDED);
        mvc.perform(post("/admin/accounts/" + u + "/roles").param("roles", "ANALYST", "LIAISON_OFFICER").param("reason", "new liaison post").param("lang", "en")
                        .with(user(admin)).with(csrf()))
                .andExpect(content().string(containsString("Roles of " + u + " changed")));
        assertThat(accounts.find(u).orElseThrow().roles()).containsExactlyInAnyOrder(Role.ANALYST, Role.LIAISON_OFFICER);
        mvc.perform(post("/admin/accounts/" + u + "/roles").param("reason", "none").param("lang", "en").with(user(admin)).with(csrf()))
                .andExpect(content().string(containsString("an account needs at least one role")));
        mvc.perform(get("/admin/accounts/nobody." + run + "/tokens").with(user(admin))).andExpect(status().isNotFound());
    }

    @Test
    void administratorsNeverBecomeReadersNorChangeTheirOwnRoles() throws Exception {
        // An administrator cannot give himself a reading role (nor keep ADMINISTRATOR and add one).
        mvc.perform(json(put("/api/admin/accounts/" + admin + "/roles"), "{\"roles\":[\"ADMINISTRATOR\",\"ANALYST\"],\"reason\":\"need to look\"}"))
                .andExpect(status().isConflict());
        // Nor can another administrator make him one.
        String other = "admin2." + run;
        String otherToken = TestTokens.accountWithToken(accounts, tokens, other, Role.ADMINISTRATOR);
        for (String role : new String[] {"ANALYST", "VETTING_OFFICER", "LIAISON_OFFICER", "OPERATIONS_COMMANDER", "AUDITOR"}) {
            mvc.perform(put("/api/admin/accounts/" + admin + "/roles").with(bearer(otherToken)).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"roles\":[\"ADMINISTRATOR\",\"" + role + "\"],\"reason\":\"colleague asked\"}"))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail", containsString("ADMINISTRATOR cannot be combined with " + role)));
        }
        // Creating one is refused the same way.
        mvc.perform(json(post("/api/admin/accounts"), """
                {"username":"mixed.%s","displayName":"Mixed","roles":["ADMINISTRATOR","ANALYST"],"password":"initial password 1"}""".formatted(run)))
                .andExpect(status().isBadRequest());
        assertThat(accounts.find("mixed." + run)).isEmpty();
        assertThat(accounts.find(admin).orElseThrow().roles()).containsExactly(Role.ADMINISTRATOR);
        // A role change needs a reason, which the trail keeps.
        String u = "reasoned." + run;
        accounts.upsert(u, "Reasoned", "a reasoned password", Set.of(Role.ANALYST));
        mvc.perform(json(put("/api/admin/accounts/" + u + "/roles"), "{\"roles\":[\"VETTING_OFFICER\"]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail", containsString("a role change needs a reason")));
        mvc.perform(json(put("/api/admin/accounts/" + u + "/roles"), "{\"roles\":[\"VETTING_OFFICER\"],\"reason\":\"  \"}"))
                .andExpect(status().isBadRequest());
        assertThat(accounts.find(u).orElseThrow().roles()).containsExactly(Role.ANALYST);
    }

    @Test
    void serviceAccountsAreNeitherAdministratorsNorAuditors() throws Exception {
        for (String role : new String[] {"ADMINISTRATOR", "AUDITOR"}) {
            mvc.perform(json(post("/api/admin/accounts"), """
                    {"username":"svc.%s.%s","displayName":"Robot","roles":["%s"],"service":true}""".formatted(role.toLowerCase(), run, role)))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("a service account cannot be ADMINISTRATOR or AUDITOR"));
        }
        String svc = "svc.plain." + run;
        mvc.perform(json(post("/api/admin/accounts"), """
                {"username":"%s","displayName":"Robot","roles":["TRAINING_COORDINATOR"],"service":true}""".formatted(svc)))
                .andExpect(status().isCreated());
        mvc.perform(json(put("/api/admin/accounts/" + svc + "/roles"), "{\"roles\":[\"AUDITOR\"],\"reason\":\"audit robot\"}"))
                .andExpect(status().isBadRequest());
        assertThat(accounts.find(svc).orElseThrow().roles()).containsExactly(Role.TRAINING_COORDINATOR);
    }

    @Test
    void theDatabaseRefusesTheCombinationsWhateverThePath() {
        String u = "direct." + run;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestAccounts.ensure(jdbc, u, Role.ADMINISTRATOR, Role.ANALYST))
                .hasMessageContaining("app_user_administrator_alone");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestAccounts.ensure(jdbc, u, Role.ADMINISTRATOR, Role.AUDITOR))
                .hasMessageContaining("app_user_administrator_alone");
        TestAccounts.ensure(jdbc, u, Role.ADMINISTRATOR);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("update app_user set roles = '{ADMINISTRATOR,OPERATIONS_COMMANDER}' where username = ?")
                .param(u).update()).hasMessageContaining("app_user_administrator_alone");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("update app_user set service = true where username = ?")
                .param(u).update()).hasMessageContaining("app_user_service_not_privileged");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accounts.upsert(u, u, "a long enough password", Set.of(Role.ADMINISTRATOR, Role.VETTING_OFFICER)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(accounts.find(u).orElseThrow().roles()).containsExactly(Role.ADMINISTRATOR);
    }
}
