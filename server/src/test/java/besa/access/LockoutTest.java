package besa.access;

import static besa.access.TestTokens.bearer;
import static besa.access.TestTokens.from;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.audit.AuditAction;
import besa.audit.AuditCodec;
import besa.audit.AuditEvent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Brute force on one account locks it; password spraying from one address throttles the address. */
// Only this class lowers the address limit: a block of 127.0.0.1 here would refuse every later test's login
// (blocks live in the shared database), so every failing login below comes from an address of its own.
@SpringBootTest(properties = "besa.access.address-failures=20")
@AutoConfigureMockMvc
@Import(TestClock.Config.class)
class LockoutTest {
    @Autowired MockMvc mvc;
    @Autowired UserAccounts accounts;
    @Autowired ApiTokens tokens;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;

    static String run() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    static String address() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    ResultActions login(String user, String password, String address) throws Exception {
        return mvc.perform(post("/login").param("username", user).param("password", password).with(csrf()).with(from(address)));
    }

    static long auditSize(JdbcClient jdbc) {
        return jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();
    }

    static List<AuditEvent> auditSince(JdbcClient jdbc, long from) {
        return jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(from)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1)).event()).list();
    }

    @Test
    void defaultsAreThoseOfTheSecurityModel() {
        AccessSettings d = Binder.get(new StandardEnvironment()).bindOrCreate("besa.access", AccessSettings.class);
        assertThat(d.accountFailures()).isEqualTo(5);
        assertThat(d.addressFailures()).isEqualTo(20);
        assertThat(d.failureWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(d.lockDuration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(d.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(d.absoluteTimeout()).isEqualTo(Duration.ofHours(12));
        assertThat(d.tokenLifetime()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void bruteForceOnOneAccountLocksItForFifteenMinutes() throws Exception {
        String user = "brute." + run(), password = "the right password", address = address();
        accounts.upsert(user, "Brute Target", password, Set.of(Role.ANALYST));
        long before = auditSize(jdbc);
        for (int i = 0; i < 4; i++) login(user, "guess number " + i, address).andExpect(unauthenticated());
        login(user, password, address()).andExpect(authenticated()); // four failures: not locked yet
        login(user, "guess number 5", address).andExpect(unauthenticated());

        // Locked: the right password fails too, from any address, with the same answer as a wrong one.
        login(user, password, address()).andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error"));
        assertThat(accounts.find(user).orElseThrow().locked()).isTrue();
        assertThat(auditSince(jdbc, before)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.ACCOUNT_CHANGE);
            assertThat(e.target()).isEqualTo(user);
            assertThat(e.justification()).startsWith("locked for PT15M after 5 failed logins");
        });

        clock.advance(Duration.ofMinutes(14));
        login(user, password, address()).andExpect(unauthenticated());
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        login(user, password, address()).andExpect(authenticated());
        assertThat(accounts.find(user).orElseThrow().locked()).isFalse();
    }

    @Test
    void passwordSprayingFromOneAddressIsThrottled() throws Exception {
        String run = run(), address = address(), password = "the right password";
        for (int i = 0; i < 3; i++) accounts.upsert("spray" + i + "." + run, "Spray " + i, password, Set.of(Role.ANALYST));
        String token = TestTokens.accountWithToken(accounts, tokens, "spray.api." + run, Role.ANALYST);
        long before = auditSize(jdbc);
        // 21 attempts, one per account (three real, the rest unknown names): no account reaches its own limit.
        for (int i = 0; i < 21; i++) login("spray" + i + "." + run, "Summer2026!", address).andExpect(unauthenticated());

        for (int i = 0; i < 3; i++) assertThat(accounts.find("spray" + i + "." + run).orElseThrow().locked()).isFalse();
        login("spray0." + run, password, address).andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/api/sources").with(bearer(token)).with(from(address))).andExpect(status().isUnauthorized());
        // Everyone else is unaffected.
        login("spray0." + run, password, address()).andExpect(authenticated());
        mvc.perform(get("/api/sources").with(bearer(token)).with(from(address()))).andExpect(status().isOk());
        assertThat(auditSince(jdbc, before)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.ACCOUNT_CHANGE);
            assertThat(e.target()).isEqualTo("address " + address);
            assertThat(e.actor()).isEqualTo(AuditEvent.SYSTEM);
        }).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.LOGIN_FAILURE);
            assertThat(e.justification()).isEqualTo("address throttled");
        });

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        login("spray1." + run, password, address).andExpect(authenticated());
    }
}
