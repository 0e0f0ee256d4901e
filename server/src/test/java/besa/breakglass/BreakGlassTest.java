package besa.breakglass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static besa.access.TestLogins.account;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.BreakGlass;
import besa.access.Role;
import besa.audit.AuditAction;
import besa.audit.AuditCodec;
import besa.audit.AuditOutcome;
import besa.audit.RecordedEvent;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Break-glass end to end: the REST API and the page over the real database and audit trail, with
 * a clock the test moves instead of waiting an hour.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(BreakGlassTest.MovableClock.class)
class BreakGlassTest {
    @Autowired MockMvc mvc;
    @Autowired BreakGlass breakGlass;
    @Autowired MovableClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource app;

    /** A clock that only moves when a test moves it. */
    @TestConfiguration
    static class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        @Bean
        @Primary
        Clock testClock() {
            return this;
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static String unique(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    private RequestPostProcessor admin(String name) {
        return account(jdbc, name, Role.ADMINISTRATOR);
    }

    private RequestPostProcessor auditor(String name) {
        return account(jdbc, name, Role.AUDITOR);
    }

    private static String body(String reason, String justification, Integer minutes) {
        return "{\"reason\":" + (reason == null ? "null" : "\"" + reason + "\"")
                + ",\"justification\":" + (justification == null ? "null" : "\"" + justification + "\"")
                + (minutes == null ? "" : ",\"minutes\":" + minutes) + "}";
    }

    private long request(String admin, int minutes) throws Exception {
        String json = mvc.perform(post("/api/break-glass").with(admin(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content(body("LIFE_AT_RISK", "Kidnapping in Durrës, victim's phone contacts needed, request of prosecutor K. Leka", minutes)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andReturn().getResponse().getContentAsString();
        return Long.parseLong(json.replaceAll("(?s).*\"id\":(\\d+).*", "$1"));
    }

    private long trailSize() {
        return jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();
    }

    private List<RecordedEvent> trailSince(long from) {
        return jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(from)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1))).list();
    }

    @Test
    void aGrantWorksWithinItsTimeAndIsDeniedOnceItHasExpired() throws Exception {
        String admin = unique("admin");
        assertThat(breakGlass.active(admin)).isFalse();
        long before = trailSize();
        request(admin, 60);
        assertThat(breakGlass.active(admin)).isTrue();
        assertThat(trailSince(before)).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo(admin);
            assertThat(e.event().action()).isEqualTo(AuditAction.BREAK_GLASS);
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(e.event().justification()).startsWith("LIFE_AT_RISK: Kidnapping in Durrës");
        });

        clock.advance(Duration.ofMinutes(59));
        assertThat(breakGlass.active(admin)).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(breakGlass.active(admin)).as("expired at the end of its hour").isFalse();
    }

    @Test
    void theDefaultIsThirtyMinutes() throws Exception {
        String admin = unique("admin");
        request(admin, 30);
        String other = unique("admin");
        mvc.perform(post("/api/break-glass").with(admin(other)).contentType(MediaType.APPLICATION_JSON)
                        .content(body("OTHER", "Server room flood, checking what the damaged disk held", null)))
                .andExpect(status().isCreated());
        clock.advance(Duration.ofMinutes(29));
        assertThat(breakGlass.active(other)).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(breakGlass.active(other)).isFalse();
    }

    @Test
    void anExpiredOrEndedGrantCannotBeUsedEndedOrExtendedAgainAndANewOneIsASeparateGrant() throws Exception {
        String admin = unique("admin");
        long first = request(admin, 10);
        mvc.perform(post("/api/break-glass").with(admin(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content(body("OTHER", "more time please", 30)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("#" + first)));
        clock.advance(Duration.ofMinutes(10));
        assertThat(breakGlass.active(admin)).isFalse();
        mvc.perform(post("/api/break-glass/{id}/end", first).with(admin(admin))).andExpect(status().isConflict());

        long second = request(admin, 20);
        assertThat(second).isNotEqualTo(first);
        assertThat(breakGlass.active(admin)).isTrue();
        long before = trailSize();
        mvc.perform(post("/api/break-glass/{id}/end", second).with(admin(admin)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("ENDED"));
        assertThat(breakGlass.active(admin)).as("ended early: denied at once").isFalse();
        assertThat(trailSince(before)).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo(AuditAction.REVOKE);
            assertThat(e.event().target()).isEqualTo("break-glass #" + second);
        });
        mvc.perform(post("/api/break-glass/{id}/end", second).with(admin(admin))).andExpect(status().isConflict());

        mvc.perform(get("/api/break-glass").with(auditor(unique("auditor"))))
                .andExpect(jsonPath("$[?(@.id == " + first + ")].status").value("EXPIRED"))
                .andExpect(jsonPath("$[?(@.id == " + second + ")].status").value("ENDED"));
    }

    @Test
    void theDatabaseItselfRefusesToExtendOrReviveAGrantForTheApplicationsRole() throws Exception {
        String admin = unique("admin");
        long id = request(admin, 5);
        assertThatThrownBy(() -> JdbcClient.create(app).sql("update break_glass_grant set expires_at = expires_at + interval '1 hour' where id = ?")
                .param(id).update()).rootCause().isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        mvc.perform(post("/api/break-glass/{id}/end", id).with(admin(admin))).andExpect(status().isOk());
        assertThatThrownBy(() -> JdbcClient.create(app).sql("update break_glass_grant set ended_at = null, ended_by = null where id = ?")
                .param(id).update()).rootCause().hasMessageContaining("is fixed once made");
        assertThatThrownBy(() -> JdbcClient.create(app).sql("delete from break_glass_grant where id = ?").param(id).update())
                .rootCause().hasMessageContaining("permission denied");
        assertThat(breakGlass.active(admin)).isFalse();
    }

    @Test
    void moreThanAnHourIsRefusedWithAClearError() throws Exception {
        String admin = unique("admin");
        mvc.perform(post("/api/break-glass").with(admin(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content(body("LIFE_AT_RISK", "urgent", 61)).header("Accept-Language", "en"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("minutes"))
                .andExpect(jsonPath("$.detail").value("A break-glass grant lasts from 1 to 60 minutes; 61 minutes were asked for."));
        assertThat(breakGlass.active(admin)).isFalse();
    }

    @Test
    void aRequestWithoutJustificationOrReasonIsRefused() throws Exception {
        String admin = unique("admin");
        for (String justification : new String[] {null, "", "   \\n "}) {
            mvc.perform(post("/api/break-glass").with(admin(admin)).contentType(MediaType.APPLICATION_JSON)
                            .content(body("LIFE_AT_RISK", justification, 10)))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.field").value("justification"));
        }
        mvc.perform(post("/api/break-glass").with(admin(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content(body(null, "a reason in words only", 10)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("reason"));
        mvc.perform(post("/api/break-glass").with(admin(admin)).contentType(MediaType.APPLICATION_JSON)
                        .content(body("BECAUSE", "made-up reason code", 10)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        // The page says the same in the user's language and grants nothing.
        mvc.perform(post("/break-glass").with(admin(admin)).with(csrf()).param("reason", "LIFE_AT_RISK").param("justification", " "))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("errorKey", "breakglass.error.justificationMissing"));
        assertThat(breakGlass.active(admin)).isFalse();
    }

    @Test
    void auditorsSeeANewGrantAtOnceNewestFirstMarkedUnreviewed() throws Exception {
        String admin = unique("admin");
        long id = request(admin, 15);
        String auditor = unique("auditor");
        mvc.perform(get("/api/break-glass").with(auditor(auditor)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(id))
                .andExpect(jsonPath("$[0].username").value(admin))
                .andExpect(jsonPath("$[0].status").value("ACTIVE"))
                .andExpect(jsonPath("$[0].unreviewed").value(true))
                .andExpect(jsonPath("$[0].justification").value(org.hamcrest.Matchers.startsWith("Kidnapping")));
        String page = mvc.perform(get("/break-glass/list").with(auditor(auditor))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("grant-" + id, admin, "Kidnapping in Durrës", "e pashqyrtuar");
        String english = mvc.perform(get("/break-glass").param("lang", "en").with(auditor(auditor))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(english).contains("Active and recent grants", "unreviewed", "grant-" + id);

        // Another administrator sees only his own grants.
        mvc.perform(get("/api/break-glass").with(admin(unique("admin")))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == " + id + ")]").isEmpty());
        mvc.perform(get("/api/break-glass/{id}", id).with(admin(unique("admin")))).andExpect(status().isNotFound());
    }

    @Test
    void anAuditorReviewsAGrantOnceItIsOverButNeverHisOwn() throws Exception {
        String both = unique("admin.auditor");
        // Nobody is administrator and auditor at once (V86); an administrator later made an auditor
        // still cannot review the grant he held.
        String json = mvc.perform(post("/api/break-glass").with(admin(both))
                        .contentType(MediaType.APPLICATION_JSON).content(body("INCIDENT_RESPONSE", "Leaked export under investigation", 5)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(json.replaceAll("(?s).*\"id\":(\\d+).*", "$1"));
        String review = "{\"finding\":\"JUSTIFIED\",\"note\":\"matches incident ticket 77\"}";
        String other = unique("auditor");
        mvc.perform(post("/api/break-glass/{id}/review", id).with(auditor(other)).contentType(MediaType.APPLICATION_JSON).content(review))
                .andExpect(status().isConflict()); // still live
        clock.advance(Duration.ofMinutes(5));

        mvc.perform(post("/api/break-glass/{id}/review", id).with(auditor(both))
                        .contentType(MediaType.APPLICATION_JSON).content(review))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/break-glass/{id}/review", id).with(admin(unique("admin")))
                        .contentType(MediaType.APPLICATION_JSON).content(review))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/break-glass/{id}/review", id).with(auditor(other)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"finding\":\"NOT_JUSTIFIED\",\"note\":\" \"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("note"));

        long before = trailSize();
        mvc.perform(post("/api/break-glass/{id}/review", id).with(auditor(other)).contentType(MediaType.APPLICATION_JSON).content(review))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.finding").value("JUSTIFIED"))
                .andExpect(jsonPath("$.reviewedBy").value(other))
                .andExpect(jsonPath("$.unreviewed").value(false));
        assertThat(trailSince(before)).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo(AuditAction.BREAK_GLASS_REVIEW);
            assertThat(e.event().actor()).isEqualTo(other);
            assertThat(e.event().justification()).isEqualTo("JUSTIFIED: matches incident ticket 77");
            assertThat(e.event().recipient()).isEqualTo(both);
        });
        mvc.perform(post("/api/break-glass/{id}/review", id).with(auditor(unique("auditor"))).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"finding\":\"NOT_JUSTIFIED\",\"note\":\"second opinion\"}"))
                .andExpect(status().isConflict());
    }

    @Test
    void nobodyButAnAdministratorMayBreakTheGlassAndTheAttemptIsRecorded() throws Exception {
        for (String role : new String[] {"ANALYST", "AUDITOR", "VETTING_OFFICER"}) {
            String name = unique(role.toLowerCase());
            long before = trailSize();
            mvc.perform(post("/api/break-glass").with(account(jdbc, name, Role.valueOf(role))).contentType(MediaType.APPLICATION_JSON)
                            .content(body("LIFE_AT_RISK", "let me in", 10)))
                    .andExpect(status().isForbidden());
            mvc.perform(post("/break-glass").with(account(jdbc, name, Role.valueOf(role))).with(csrf())
                            .param("reason", "LIFE_AT_RISK").param("justification", "let me in"))
                    .andExpect(status().isForbidden());
            assertThat(breakGlass.active(name)).isFalse();
            assertThat(trailSince(before)).anySatisfy(e -> {
                assertThat(e.event().actor()).isEqualTo(name);
                assertThat(e.event().action()).isEqualTo(AuditAction.BREAK_GLASS);
                assertThat(e.event().outcome()).isEqualTo(AuditOutcome.DENIED);
            });
        }
        mvc.perform(get("/api/break-glass").with(account(jdbc, unique("analyst"), Role.ANALYST))).andExpect(status().isForbidden());
        mvc.perform(get("/break-glass").with(account(jdbc, unique("analyst"), Role.ANALYST))).andExpect(status().isForbidden());
    }

    @Test
    void thePageGrantsAndShowsTheLiveGrantWithItsEnd() throws Exception {
        String admin = unique("admin");
        mvc.perform(post("/break-glass").with(admin(admin)).with(csrf()).param("reason", "OPERATION_URGENT")
                        .param("justification", "Operation Shqiponja, team lead unreachable").param("minutes", "20").param("scope", "case-2026-17"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("notice", "breakglass.granted"));
        assertThat(breakGlass.active(admin)).isTrue();
        String page = mvc.perform(get("/break-glass").with(admin(admin))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Leja juaj emergjente është aktive", "Mbylle tani", "case-2026-17");
    }

    /**
     * Two requests of one administrator at once: the first holds its transaction open after inserting
     * its grant; the second must wait for it (the per-user lock) and then be refused, never insert a second.
     */
    @Test
    void concurrentRequestsOfOneAdministratorMakeOneGrant() throws Exception {
        String admin = unique("racer");
        besa.access.TestAccounts.ensure(jdbc, admin, Role.ADMINISTRATOR);
        var who = org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(admin, null,
                List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority(Role.ADMINISTRATOR.authority())));
        var request = new BreakGlassGrants.Request(Reason.INCIDENT_RESPONSE, "Concurrent request test", 10, null);
        var firstInserted = new java.util.concurrent.CountDownLatch(1);
        var secondDone = new java.util.concurrent.CompletableFuture<Object>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var tx = new org.springframework.transaction.support.TransactionTemplate(tm);
            var first = pool.submit(() -> tx.execute(status -> {
                grants.request(who, request, "127.0.0.1");
                firstInserted.countDown();
                // Keep the transaction open until the second request waits on the lock (or, without it, is done).
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!secondDone.isDone() && waitingAdvisoryLocks() == 0 && System.nanoTime() < deadline) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
                return null;
            }));
            pool.submit(() -> {
                try {
                    firstInserted.await();
                    secondDone.complete(grants.request(who, request, "127.0.0.1"));
                } catch (Throwable e) {
                    secondDone.complete(e);
                }
            });
            first.get();
            assertThat(secondDone.get()).isInstanceOfSatisfying(BreakGlassRefused.class,
                    e -> assertThat(e.kind()).isEqualTo(BreakGlassRefused.Kind.CONFLICT));
        }
        assertThat(jdbc.sql("select count(*) from break_glass_grant where username = ?").param(admin).query(Long.class).single()).isEqualTo(1);
    }

    @Autowired BreakGlassGrants grants;
    @Autowired org.springframework.transaction.PlatformTransactionManager tm;

    private long waitingAdvisoryLocks() {
        return jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and not granted").query(Long.class).single();
    }
}
