package besa.access;

import static besa.access.LockoutTest.auditSince;
import static besa.access.LockoutTest.auditSize;
import static besa.access.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.audit.AuditAction;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Personal API tokens replace HTTP Basic on the API: shown once, stored as SHA-256, expiring, revocable, audited. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestClock.Config.class)
class ApiTokenTest {
    @Autowired MockMvc mvc;
    @Autowired UserAccounts accounts;
    @Autowired ApiTokens tokens;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;
    @Autowired SecondFactors factors;

    @Test
    void aTokenCarries256RandomBitsAndOnlyItsSha256IsStored() throws Exception {
        String user = "token." + LockoutTest.run();
        String token = TestTokens.accountWithToken(accounts, tokens, user, Role.ANALYST);
        assertThat(token).matches("besa_[A-Za-z0-9_-]{43}");
        byte[] stored = jdbc.sql("select token_hash from api_token where username = ?").param(user).query(byte[].class).single();
        assertThat(stored).isEqualTo(ApiTokens.sha256(token));
        String row = jdbc.sql("select row_to_json(t)::text from api_token t where username = ?").param(user).query(String.class).single();
        assertThat(row).doesNotContain(token.substring(5)).doesNotContain(token.substring(5, 20));
        mvc.perform(get("/api/sources").with(bearer(token))).andExpect(status().isOk());
    }

    @Test
    void httpBasicIsNoLongerAcceptedOnTheApi() throws Exception {
        String user = "basic." + LockoutTest.run();
        accounts.upsert(user, "Basic", "a correct password", Set.of(Role.ANALYST));
        mvc.perform(get("/api/sources").with(httpBasic(user, "a correct password")))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("Bearer")))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(post("/api/audit/checkpoints").with(httpBasic(user, "a correct password"))).andExpect(status().isUnauthorized());
    }

    @Test
    void expiredAndRevokedTokensAreRefusedAndAuditedAsLoginFailures() throws Exception {
        String user = "expiry." + LockoutTest.run();
        accounts.upsert(user, "Expiry", "a correct password", Set.of(Role.ANALYST));
        long before = auditSize(jdbc);
        ApiTokens.IssuedToken shortLived = tokens.issue(user, "10.1.1.1", user, "one day", Duration.ofDays(1));
        ApiTokens.IssuedToken revoked = tokens.issue(user, "10.1.1.1", user, "to revoke", null);
        assertThat(revoked.info().expiresAt()).isEqualTo(revoked.info().createdAt().plus(Duration.ofDays(90)));
        mvc.perform(get("/api/sources").with(bearer(shortLived.token()))).andExpect(status().isOk());
        mvc.perform(get("/api/sources").with(bearer(revoked.token()))).andExpect(status().isOk());

        assertThat(tokens.revoke(user, "10.1.1.1", user, revoked.info().id())).isTrue();
        clock.advance(Duration.ofDays(1).plusSeconds(1));
        mvc.perform(get("/api/sources").with(bearer(shortLived.token()))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/sources").with(bearer(revoked.token()))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/sources").with(bearer("besa_" + "A".repeat(43)))).andExpect(status().isUnauthorized());

        var events = auditSince(jdbc, before);
        assertThat(events).filteredOn(e -> e.action() == AuditAction.CREDENTIAL_CHANGE && e.target().equals(user))
                .extracting(e -> e.justification().replaceAll("#\\d+", "#n"))
                .anyMatch(j -> j.startsWith("API token #n 'one day' issued, expires"))
                .contains("API token #n revoked");
        assertThat(events).filteredOn(e -> e.action() == AuditAction.LOGIN_FAILURE && e.actor().equals(user))
                .extracting(e -> e.justification().replaceAll("#\\d+", "#n"))
                .containsExactlyInAnyOrder("token #n expired", "token #n revoked");
        assertThat(events).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.LOGIN_FAILURE);
            assertThat(e.actor()).isEqualTo("(unknown account)");
            assertThat(e.justification()).isEqualTo("unknown token");
        });
    }

    @Test
    void apiCallsWithATokenAreNotEachALogin() throws Exception {
        String user = "quiet." + LockoutTest.run();
        String token = TestTokens.accountWithToken(accounts, tokens, user, Role.ANALYST);
        long before = auditSize(jdbc);
        for (int i = 0; i < 3; i++) mvc.perform(get("/api/sources").with(bearer(token))).andExpect(status().isOk());
        assertThat(auditSince(jdbc, before)).noneMatch(e -> e.actor().equals(user) && e.action() == AuditAction.LOGIN_SUCCESS);
    }

    @Test
    void usersIssueTheirOwnTokensOnTheirPageSeeThemOnceAndRevokeThem() throws Exception {
        String user = "own." + LockoutTest.run();
        accounts.upsert(user, "Own Tokens", "a correct password", Set.of(Role.ANALYST));
        MockHttpSession session = TestLogins.logIn(mvc, factors, user, "a correct password", clock.instant());

        String page = mvc.perform(post("/account/tokens").param("label", "import script").param("days", "30").param("lang", "sq")
                        .session(session).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Kopjojeni tokenin tani")))
                .andReturn().getResponse().getContentAsString();
        Matcher m = Pattern.compile("besa_[A-Za-z0-9_-]{43}").matcher(page);
        assertThat(m.find()).isTrue();
        String token = m.group();
        mvc.perform(get("/account/tokens").param("lang", "en").session(session))
                .andExpect(content().string(containsString("import script")))
                .andExpect(content().string(not(containsString(token))));

        mvc.perform(get("/api/tokens").with(bearer(token))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].label").value("import script"));
        long id = tokens.list(user).getFirst().id();
        String other = TestTokens.accountWithToken(accounts, tokens, "other." + LockoutTest.run(), Role.ANALYST);
        mvc.perform(delete("/api/tokens/" + id).with(bearer(other))).andExpect(status().isNotFound());
        mvc.perform(get("/api/sources").with(bearer(token))).andExpect(status().isOk());

        mvc.perform(post("/account/tokens/" + id + "/revoke").param("lang", "en").session(session).with(csrf()))
                .andExpect(content().string(containsString("Revoked by " + user)));
        mvc.perform(get("/api/sources").with(bearer(token))).andExpect(status().isUnauthorized());
    }

    @Test
    void theAuditApiTakesTokensToo() throws Exception {
        String analyst = TestTokens.accountWithToken(accounts, tokens, "audit.api." + LockoutTest.run(), Role.ANALYST);
        mvc.perform(post("/api/audit/checkpoints")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/audit/checkpoints").with(bearer(analyst))).andExpect(status().isForbidden());
    }

    @Test
    void hashIsSha256() {
        assertThat(HexFormat.of().formatHex(ApiTokens.sha256("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
