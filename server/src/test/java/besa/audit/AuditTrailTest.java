package besa.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import auditprobe.SecretEntityController;
import besa.access.Role;
import besa.access.TestAccounts;
import besa.access.UserAccounts;
import besa.ledger.MerkleHashes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import besa.platform.db.DatabaseConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

@SpringBootTest
@AutoConfigureMockMvc
@Import(SecretEntityController.class)
class AuditTrailTest {
    @Autowired MockMvc mvc;
    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;
    /** The schema owner: the application's own role may not even try to change the table (DatabaseRolesTest). */
    @Autowired @Qualifier(DatabaseConfig.OWNER) javax.sql.DataSource ownerDataSource;
    @Autowired UserAccounts accounts;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Every request re-reads the account, so the users of these tests exist in app_user. */
    @BeforeEach
    void accounts() {
        TestAccounts.ensure(jdbc, "officer.h", Role.ANALYST);
        TestAccounts.ensure(jdbc, "officer.back", Role.ANALYST);
        TestAccounts.ensure(jdbc, "an.analyst", Role.ANALYST);
        TestAccounts.ensure(jdbc, "an.auditor", Role.AUDITOR);
    }

    private String officer() {
        String name = unique("officer");
        TestAccounts.ensure(jdbc, name, Role.ANALYST);
        return name;
    }

    @Test
    void concurrentEventsGetConsecutiveIndicesAndStoreTheirCanonicalBytesAndLeafHash() throws Exception {
        String actor = unique("officer");
        List<Future<RecordedEvent>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 500; i++) {
                String target = "E-" + i;
                futures.add(pool.submit(() -> audit.record(new AuditEvent(actor, AuditAction.CONSULTATION, target,
                        "case 2026/17", "", AuditOutcome.SUCCESS, "10.0.0.7"))));
            }
        }
        List<Long> indices = new ArrayList<>();
        for (Future<RecordedEvent> f : futures) indices.add(f.get().index());
        long first = indices.stream().min(Long::compare).orElseThrow();
        assertThat(indices).doesNotHaveDuplicates().allMatch(i -> i < first + 500);

        var rows = jdbc.sql("select idx, data, leaf_hash from audit_entry where idx >= ? and idx < ? order by idx")
                .params(first, first + 500).query((rs, n) -> new Object[] {rs.getLong(1), rs.getBytes(2), rs.getBytes(3)}).list();
        assertThat(rows).hasSize(500);
        for (Object[] row : rows) {
            RecordedEvent e = AuditCodec.decode((byte[]) row[1]);
            assertThat(e.index()).isEqualTo((long) row[0]);
            assertThat(e.event().actor()).isEqualTo(actor);
            assertThat(e.event().justification()).isEqualTo("case 2026/17");
            assertThat(e.at()).isEqualTo(e.at().truncatedTo(ChronoUnit.MILLIS)).isBeforeOrEqualTo(Instant.now());
            assertThat((byte[]) row[2]).isEqualTo(MerkleHashes.leafHash((byte[]) row[1]));
        }
        assertThat(audit.merkleLog().size()).isGreaterThanOrEqualTo(first + 500);
    }

    @Test
    void theTableRefusesUpdateDeleteAndTruncate() {
        JdbcClient owner = JdbcClient.create(ownerDataSource);
        audit.record(AuditEvent.of(AuditEvent.SYSTEM, AuditAction.GRANT, "x", AuditOutcome.SUCCESS, ""));
        assertThatThrownBy(() -> owner.sql("update audit_entry set data = '\\x00' where idx = 0").update())
                .rootCause().hasMessageContaining("append-only: UPDATE");
        assertThatThrownBy(() -> owner.sql("delete from audit_entry where idx = 0").update())
                .rootCause().hasMessageContaining("append-only: DELETE");
        assertThatThrownBy(() -> owner.sql("truncate audit_entry").update())
                .rootCause().hasMessageContaining("append-only: TRUNCATE");
        assertThat(AuditTestSupport.size(jdbc)).isPositive();
    }

    @Test
    void anEntityReadIsRecordedWithTheUserBeforeTheDataIsSent() throws Exception {
        String officer = officer();
        long before = AuditTestSupport.size(jdbc);
        mvc.perform(get("/api/entities/audit-probe/P-77").with(user(officer).roles("ANALYST")))
                .andExpect(status().isOk());
        assertThat(AuditTestSupport.since(jdbc, before)).anySatisfy(e -> {
            assertThat(e.event().actor()).isEqualTo(officer);
            assertThat(e.event().action()).isEqualTo(AuditAction.CONSULTATION);
            assertThat(e.event().target()).isEqualTo("audit-probe/P-77");
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.SUCCESS);
            assertThat(e.event().clientAddress()).isEqualTo("127.0.0.1");
        });
    }

    @Test
    void searchesAndExportsAreRecorded() throws Exception {
        String officer = officer();
        long before = AuditTestSupport.size(jdbc);
        mvc.perform(get("/api/search").param("q", "Hoxha Tirana").with(user(officer)));
        mvc.perform(get("/api/exports/ftm").with(user(officer)));
        List<RecordedEvent> events = AuditTestSupport.since(jdbc, before).stream().filter(e -> e.event().actor().equals(officer)).toList();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo(AuditAction.CONSULTATION);
            assertThat(e.event().target()).isEqualTo("Hoxha Tirana");
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo(AuditAction.DISCLOSURE);
            assertThat(e.event().recipient()).isEqualTo(officer);
        });
    }

    @Test
    void aFailedAndASuccessfulLoginAreRecordedWithTheUsername() throws Exception {
        String name = unique("login.test");
        accounts.upsert(name, "Login Test", "correct horse battery", Set.of(Role.ANALYST));
        long before = AuditTestSupport.size(jdbc);
        mvc.perform(formLogin().user(name).password("wrong password!!"));
        mvc.perform(formLogin().user(name).password("correct horse battery"));
        List<RecordedEvent> events = AuditTestSupport.since(jdbc, before).stream().filter(e -> e.event().actor().equals(name)).toList();
        assertThat(events).extracting(e -> e.event().action()).containsSubsequence(AuditAction.LOGIN_FAILURE, AuditAction.LOGIN_SUCCESS);
        assertThat(events.getFirst().event().outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThat(events.getFirst().event().target()).isEqualTo("BadCredentialsException");
    }

    @Test
    void aFailedLoginForNoSuchAccountDoesNotKeepWhatWasTyped() throws Exception {
        String typed = unique("Secret-Password-In-The-Wrong-Box");
        long before = AuditTestSupport.size(jdbc);
        mvc.perform(formLogin().user(typed).password("whatever it was"));
        List<RecordedEvent> events = AuditTestSupport.since(jdbc, before);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo(AuditAction.LOGIN_FAILURE);
            assertThat(e.event().actor()).isEqualTo("(unknown account)");
        });
        assertThat(events).noneSatisfy(e -> assertThat(e.event().toString()).contains(typed));
    }

    @Test
    void whenTheTrailCannotBeWrittenAConsultationGets503AndNoData() throws Exception {
        long before = AuditTestSupport.size(jdbc);
        JdbcClient.create(ownerDataSource).sql("alter table audit_entry rename to audit_entry_away").update();
        MvcResult result;
        try {
            result = mvc.perform(get("/api/entities/audit-probe/P-1").with(user(officer()).roles("ANALYST")))
                    .andExpect(status().isServiceUnavailable()).andReturn();
            MvcResult fromHandler = mvc.perform(get("/api/audit-probe/P-3").with(user("officer.h")))
                    .andExpect(status().isServiceUnavailable()).andReturn();
            assertThat(fromHandler.getResponse().getContentAsString()).contains("Audit trail unavailable")
                    .doesNotContain(SecretEntityController.SECRET);
            assertThatThrownBy(() -> audit.record(AuditEvent.of("someone", AuditAction.CONSULTATION, "P-2", AuditOutcome.SUCCESS, "")))
                    .isInstanceOf(AuditUnavailableException.class);
        } finally {
            JdbcClient.create(ownerDataSource).sql("alter table audit_entry_away rename to audit_entry").update();
        }
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(result.getResponse().getContentAsString()).contains("Audit trail unavailable").doesNotContain(SecretEntityController.SECRET);

        // Restored, the same request is served and recorded again, right after the entries that existed.
        mvc.perform(get("/api/entities/audit-probe/P-1").with(user("officer.back").roles("ANALYST"))).andExpect(status().isOk());
        assertThat(AuditTestSupport.since(jdbc, before)).anyMatch(e -> e.event().actor().equals("officer.back"));
        assertThat(AuditTestSupport.size(jdbc)).isEqualTo(audit.merkleLog().size());
    }

    @Test
    void checkpointsOnDemandAreForAuditorsAndAdministratorsAndLandInTheWitnessFolder() throws Exception {
        audit.record(AuditEvent.of(AuditEvent.SYSTEM, AuditAction.GRANT, "checkpoint test", AuditOutcome.SUCCESS, ""));
        mvc.perform(post("/api/audit/checkpoints").with(user("an.analyst").roles("ANALYST"))).andExpect(status().isForbidden());
        mvc.perform(post("/api/audit/checkpoints")).andExpect(status().isUnauthorized());
        MvcResult r = mvc.perform(post("/api/audit/checkpoints").with(user("an.auditor").roles("AUDITOR")))
                .andExpect(status().isCreated()).andReturn();
        assertThat(r.getResponse().getContentAsString()).contains("\"size\":" + audit.merkleLog().size());
    }
}
