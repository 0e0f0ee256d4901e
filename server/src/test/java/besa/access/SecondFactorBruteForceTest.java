package besa.access;

import static besa.access.TestTokens.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The second step of a sign-in cannot be guessed: wrong codes count towards the account lock,
 * five of them end the session, and a locked account or throttled address is refused there too.
 */
// The same configuration as LockoutTest (one cached context); every failing request comes from an address of its own.
@SpringBootTest(properties = "besa.access.address-failures=20")
@AutoConfigureMockMvc
@Import(TestClock.Config.class)
class SecondFactorBruteForceTest {
    private static final String PASSWORD = "the right password";

    @Autowired MockMvc mvc;
    @Autowired UserAccounts accounts;
    @Autowired SecondFactors factors;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;

    private String newUser() {
        String name = "guess." + LockoutTest.run();
        accounts.upsert(name, "Code Guessing Target", PASSWORD, Set.of(Role.ANALYST));
        return name;
    }

    private byte[] enrolTotp(String name) {
        byte[] secret = Totp.newSecret();
        factors.enrolTotp(name, secret, -1, "");
        return secret;
    }

    private MockHttpSession passwordStep(String name, String address) throws Exception {
        return (MockHttpSession) mvc.perform(post("/login").param("username", name).param("password", PASSWORD)
                        .with(csrf()).with(from(address)))
                .andExpect(redirectedUrl("/")).andReturn().getRequest().getSession(false);
    }

    private String code(byte[] secret) {
        return Totp.code(secret, Totp.step(clock.instant()));
    }

    private String wrongCode(byte[] secret) {
        return String.format("%06d", (Integer.parseInt(code(secret)) + 500_000) % 1_000_000);
    }

    private long failures(String name) {
        return jdbc.sql("select count(*) from login_failure where username = ?").param(name).query(Long.class).single();
    }

    @Test
    void wrongCodesCountTowardsTheLockAndTheFifthEndsTheSession() throws Exception {
        String name = newUser(), address = LockoutTest.address();
        byte[] secret = enrolTotp(name);
        MockHttpSession session = passwordStep(name, address);
        for (int i = 1; i < SecondFactorLogin.SESSION_FAILURES; i++) {
            mvc.perform(post(SecondFactorLogin.URL).param("code", wrongCode(secret)).session(session).with(csrf()).with(from(address)))
                    .andExpect(redirectedUrl(SecondFactorLogin.URL + "?error"));
            assertThat(session.isInvalid()).isFalse();
            assertThat(failures(name)).isEqualTo(i);
        }
        mvc.perform(post(SecondFactorLogin.URL).param("code", wrongCode(secret)).session(session).with(csrf()).with(from(address)))
                .andExpect(redirectedUrl("/login?error"));
        assertThat(session.isInvalid()).isTrue();
        assertThat(failures(name)).isEqualTo(5);
        assertThat(accounts.find(name).orElseThrow().locked()).isTrue();
        // Locked: the password step refuses the right password as well.
        mvc.perform(post("/login").param("username", name).param("password", PASSWORD).with(csrf()).with(from(LockoutTest.address())))
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void aLockedAccountIsRefusedAtTheSecondStepEvenWithTheRightCode() throws Exception {
        String name = newUser(), address = LockoutTest.address();
        byte[] secret = enrolTotp(name);
        MockHttpSession session = passwordStep(name, address);
        // Meanwhile someone guesses the password elsewhere until the account locks.
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/login").param("username", name).param("password", "guess " + i).with(csrf()).with(from(LockoutTest.address())));
        }
        assertThat(accounts.find(name).orElseThrow().locked()).isTrue();
        mvc.perform(post(SecondFactorLogin.URL).param("code", code(secret)).session(session).with(csrf()).with(from(address)))
                .andExpect(redirectedUrl(SecondFactorLogin.URL + "?error"));
        mvc.perform(get("/").session(session).with(from(address))).andExpect(redirectedUrl(SecondFactorLogin.URL));
    }

    @Test
    void aThrottledAddressIsRefusedAtTheSecondStepAndAtThePasskeyLogin() throws Exception {
        String name = newUser(), address = LockoutTest.address();
        byte[] secret = enrolTotp(name);
        MockHttpSession session = passwordStep(name, address);
        jdbc.sql("insert into login_block (kind, subject, blocked_until) values ('ADDRESS', ?, ?)")
                .params(address, Timestamp.from(clock.instant().plus(Duration.ofMinutes(15)))).update();
        long before = LockoutTest.auditSize(jdbc);
        mvc.perform(post(SecondFactorLogin.URL).param("code", code(secret)).session(session).with(csrf()).with(from(address)))
                .andExpect(redirectedUrl(SecondFactorLogin.URL + "?error"));
        mvc.perform(get("/").session(session).with(from(address))).andExpect(redirectedUrl(SecondFactorLogin.URL));
        mvc.perform(post("/login/webauthn").contentType("application/json").content("{}").with(csrf()).with(from(address)))
                .andExpect(status().isUnauthorized());
        assertThat(LockoutTest.auditSince(jdbc, before))
                .filteredOn(e -> e.action() == AuditAction.LOGIN_FAILURE && "address throttled".equals(e.justification()))
                .extracting(AuditEvent::actor).containsExactly(name, ApiTokenFilter.UNKNOWN);
    }
}
