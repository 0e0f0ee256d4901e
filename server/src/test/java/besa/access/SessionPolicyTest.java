package besa.access;

import static besa.access.LockoutTest.auditSince;
import static besa.access.LockoutTest.auditSize;
import static besa.access.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.audit.AuditAction;
import besa.audit.AuditOutcome;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/** Sessions end when the account is disabled or suspended, when idle, and 12 hours after login; role changes apply at once. */
@SpringBootTest
@AutoConfigureMockMvc
@Import(TestClock.Config.class)
class SessionPolicyTest {
    @Autowired MockMvc mvc;
    @Autowired UserAccounts accounts;
    @Autowired ApiTokens tokens;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;
    @Autowired SecondFactors factors;

    final String password = "session test password";

    String account(Role role) {
        String user = "session." + LockoutTest.run();
        accounts.upsert(user, "Session User", password, Set.of(role));
        return user;
    }

    MockHttpSession logIn(String user) throws Exception {
        MockHttpSession session = TestLogins.logIn(mvc, factors, user, password, clock.instant());
        mvc.perform(get("/").session(session)).andExpect(status().isOk());
        return session;
    }

    void assertEnded(MockHttpSession session, String reason, long auditFrom, String user) throws Exception {
        mvc.perform(get("/").session(session)).andExpect(redirectedUrl("/login?expired"));
        assertThat(session.isInvalid()).isTrue();
        assertThat(auditSince(jdbc, auditFrom)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.LOGOUT);
            assertThat(e.outcome()).isEqualTo(AuditOutcome.DENIED);
            assertThat(e.actor()).isEqualTo(user);
            assertThat(e.justification()).isEqualTo(reason);
        });
    }

    @Test
    void disabledUsersNextRequestIsDenied() throws Exception {
        String user = account(Role.ANALYST);
        MockHttpSession session = logIn(user);
        String token = tokens.issue(user, "", user, "laptop", null).token();
        mvc.perform(get("/api/sources").with(bearer(token))).andExpect(status().isOk());
        long before = auditSize(jdbc);

        jdbc.sql("update app_user set enabled = false where username = ?").param(user).update();

        assertEnded(session, "account disabled", before, user);
        mvc.perform(get("/api/sources").with(bearer(token))).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.containsString("invalid_token")));
        assertThat(auditSince(jdbc, before)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.LOGIN_FAILURE);
            assertThat(e.actor()).isEqualTo(user);
            assertThat(e.justification()).endsWith("account disabled");
        });
    }

    @Test
    void suspendedUsersNextRequestIsDeniedUntilTheSuspensionEnds() throws Exception {
        String user = account(Role.ANALYST);
        MockHttpSession session = logIn(user);
        long before = auditSize(jdbc);
        jdbc.sql("update app_user set suspension_reason = 'under investigation', suspended_until = ? where username = ?")
                .params(java.sql.Timestamp.from(clock.instant().plus(Duration.ofDays(2))), user).update();

        assertEnded(session, "account suspended", before, user);
        mvc.perform(post("/login").param("username", user).param("password", password).with(csrf())).andExpect(redirectedUrl("/login?error"));
        clock.advance(Duration.ofDays(2).plusSeconds(1));
        logIn(user);
    }

    @Test
    void roleChangesApplyOnTheNextRequest() throws Exception {
        String user = account(Role.ANALYST);
        MockHttpSession session = logIn(user);
        mvc.perform(get("/actuator/info").session(session)).andExpect(status().isForbidden());
        jdbc.sql("update app_user set roles = '{ADMINISTRATOR}' where username = ?").param(user).update();
        mvc.perform(get("/actuator/info").session(session)).andExpect(status().isOk());
        jdbc.sql("update app_user set roles = '{AUDITOR}' where username = ?").param(user).update();
        mvc.perform(get("/actuator/info").session(session)).andExpect(status().isForbidden());
        mvc.perform(get("/").session(session)).andExpect(status().isOk());
    }

    @Test
    void sessionsEndTwelveHoursAfterLoginHoweverBusy() throws Exception {
        String user = account(Role.ANALYST);
        MockHttpSession session = logIn(user);
        long before = auditSize(jdbc);
        for (int i = 0; i < 24; i++) { // 24 × 29 min = 11 h 36 min, never idle for 30 min
            clock.advance(Duration.ofMinutes(29));
            mvc.perform(get("/").session(session)).andExpect(status().isOk());
        }
        clock.advance(Duration.ofMinutes(25)); // 12 h 1 min after login
        assertEnded(session, "re-authentication due PT12H after login", before, user);
        logIn(user);
    }

    @Test
    void idleSessionsEndAfterThirtyMinutes() throws Exception {
        String user = account(Role.ANALYST);
        MockHttpSession session = logIn(user);
        long before = auditSize(jdbc);
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));
        assertEnded(session, "idle for more than PT30M", before, user);
    }

    @Test
    void htmxRequestsOfAnEndedSessionAreToldWhereToGo() throws Exception {
        String user = account(Role.ANALYST);
        MockHttpSession session = logIn(user);
        jdbc.sql("update app_user set enabled = false where username = ?").param(user).update();
        mvc.perform(get("/search").param("q", "x").header("HX-Request", "true").session(session))
                .andExpect(status().isUnauthorized()).andExpect(header().string("HX-Redirect", "/login?expired"));
    }

    @Test
    void theImportPagesPollingNeitherEndsNorProlongsTheSession() throws Exception {
        String user = account(Role.ANALYST);
        MockHttpSession session = logIn(user);
        long before = auditSize(jdbc);
        clock.advance(Duration.ofMinutes(20));
        // What import.html sends every second while a job runs (the job itself does not matter here).
        mvc.perform(get("/import/" + UUID.randomUUID() + "/progress").header("HX-Request", "true").session(session))
                .andExpect(status().is4xxClientError()).andExpect(header().doesNotExist("HX-Redirect"));
        assertThat(session.isInvalid()).isFalse();
        clock.advance(Duration.ofMinutes(10).plusSeconds(1)); // 30 min since the last real request, 10 since the poll
        assertEnded(session, "idle for more than PT30M", before, user);
    }
}
