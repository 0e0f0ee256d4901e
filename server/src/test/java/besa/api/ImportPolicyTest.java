package besa.api;

import static besa.access.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.AccessProfiles;
import besa.access.ApiTokens;
import besa.access.CompartmentKind;
import besa.access.Compartments;
import besa.access.Role;
import besa.access.TestLogins;
import besa.access.TestTokens;
import besa.access.UserAccounts;
import besa.audit.AuditAction;
import besa.audit.AuditCodec;
import besa.audit.RecordedEvent;
import besa.intel.ingest.ImportJob;
import besa.intel.ingest.ImportJobs;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** Who may import, and that an import touches only what its user may read, with real accounts and the audit trail. */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportPolicyTest {
    @Autowired MockMvc mvc;
    @Autowired ImportJobs jobs;
    @Autowired UserAccounts accounts;
    @Autowired ApiTokens tokens;
    @Autowired AccessProfiles profiles;
    @Autowired Compartments compartments;
    @Autowired IntelStore store;
    @Autowired JdbcClient jdbc;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String police = "imp-pol-police-" + run, liaison = "imp-pol-liaison-" + run;
    final String casePerson = "imp-pol-case-" + run, mixed = "imp-pol-mixed-" + run;
    String analyst, low, auditor, trainer, admin;

    @BeforeAll
    void seed() {
        store.saveSource(new Source(police, "Police " + run, "ASP", "Law 108/2014"));
        store.saveSource(new Source(liaison, "Liaison only " + run, "PARTNER", "MoU"));
        store.save(List.of(
                new EntityRecord(casePerson, EntityType.Person, List.of(st(casePerson, "name", "Ilir Case", Handling.H0))),
                new EntityRecord(mixed, EntityType.Person, List.of(st(mixed, "name", "Hidden Name", Handling.H3),
                        st(mixed, "idNumber", "K" + run, Handling.H0)))));
        profiles.restrictSource(liaison, Set.of(Role.LIAISON_OFFICER));
        long caseId = compartments.create(CompartmentKind.CASE, "IMP/" + run, "Case " + run, null);
        compartments.attach(caseId, casePerson);

        analyst = TestTokens.accountWithToken(accounts, tokens, "imp.pol.analyst." + run, Role.ANALYST);
        low = TestTokens.accountWithToken(accounts, tokens, "imp.pol.low." + run, Role.ANALYST);
        profiles.setClearance("imp.pol.low." + run, 1);
        auditor = TestTokens.accountWithToken(accounts, tokens, "imp.pol.auditor." + run, Role.AUDITOR);
        trainer = TestTokens.accountWithToken(accounts, tokens, "imp.pol.trainer." + run, Role.TRAINING_COORDINATOR);
        admin = TestTokens.accountWithToken(accounts, tokens, "imp.pol.admin." + run, Role.ADMINISTRATOR);
    }

    private static Statement st(String id, String prop, String value, Handling h) {
        // FtM imports use the entity id as record key: the same (source, record key) as these.
        return new Statement(id, prop, value, value, new Provenance("imp-pol-police-" + id.substring(id.lastIndexOf('-') + 1), id, "ASP", "test",
                null, null, Grading.parse("B2"), h, null));
    }

    @Test
    void onlyCollectingRolesImport() throws Exception {
        for (String token : List.of(auditor, trainer, admin)) {
            mvc.perform(ftm(token, police, "H0", line("imp-pol-new-" + run, "Someone New")))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.status").value(403));
        }
        assertThat(store.source(police).orElseThrow().title()).isEqualTo("Police " + run);
        // The page too, for a signed-in auditor (both factors) and administrator.
        for (Role role : List.of(Role.AUDITOR, Role.ADMINISTRATOR)) {
            var user = TestLogins.account(jdbc, "imp.pol.page." + role.name().toLowerCase() + "." + run, role);
            mvc.perform(get("/import").with(user)).andExpect(status().isForbidden());
            mvc.perform(multipart("/import").file(new MockMultipartFile("file", "x.jsonl", "application/x-ndjson",
                            line("imp-pol-page-" + run, "Page Person").getBytes(StandardCharsets.UTF_8)))
                    .param("format", "ftm").param("source", police).param("originator", "ASP").param("legalBasis", "x")
                    .param("evaluation", "B2").param("handling", "H0").with(user).with(csrf()))
                    .andExpect(status().isForbidden());
        }
        assertThat(store.find("imp-pol-page-" + run)).isEmpty();
    }

    @Test
    void aHiddenSourceAndAMissingOneAreRefusedAlike() throws Exception {
        ImportJob hidden = run(ftm(analyst, liaison, "H0", line("imp-pol-l-" + run, "Liaison Person")));
        assertThat(hidden.state()).isEqualTo(ImportJob.State.FAILED);
        assertThat(hidden.failure()).isEqualTo("source " + liaison + " cannot be written by you (it is unknown or not visible to you)");
        assertThat(store.source(liaison).orElseThrow().title()).isEqualTo("Liaison only " + run);
        assertThat(store.find("imp-pol-l-" + run)).isEmpty();
    }

    @Test
    void anImportNeverRewritesAnExistingSource() throws Exception {
        ImportJob job = run(ftm(analyst, police, "H0", line("imp-pol-keep-" + run, "Kept Source")).param("title", "Renamed"));
        assertThat(job.state()).isEqualTo(ImportJob.State.COMPLETED);
        Source s = store.source(police).orElseThrow();
        assertThat(s.title()).isEqualTo("Police " + run);
        assertThat(s.legalBasis()).isEqualTo("Law 108/2014");
    }

    @Test
    void anEntityInACompartmentTheUserIsNotInCannotBeWritten() throws Exception {
        ImportJob job = run(ftm(analyst, police, "H0", line(casePerson, "Overwritten Name")));
        assertThat(job.state()).isEqualTo(ImportJob.State.FAILED);
        assertThat(job.failure()).isEqualTo("entity id " + casePerson + " cannot be written by you");
        assertThat(jdbc.sql("select count(*) from statement where entity_id = ? and value = 'Overwritten Name'").param(casePerson)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from statement where entity_id = ? and retired_at is null").param(casePerson)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void statementsAboveTheClearanceAreNeitherWrittenNorRetired() throws Exception {
        ImportJob above = run(ftm(low, police, "H3", line("imp-pol-h3-" + run, "Too Secret")));
        assertThat(above.state()).isEqualTo(ImportJob.State.ROLLED_BACK);
        assertThat(above.result().errors().getFirst().reason()).isEqualTo("handling code H3 is above your clearance (H1)");

        // Re-importing the mixed record at H0 retires what he can see of it, never the H3 name he cannot.
        long before = auditSize();
        ImportJob job = run(ftm(low, police, "H0", line(mixed, "Visible Name")).header("X-Besa-Justification", "CASE 2026/0777"));
        assertThat(job.state()).isEqualTo(ImportJob.State.COMPLETED);
        assertThat(job.result().statementsRetired()).isEqualTo(1); // the idNumber, not the hidden name
        assertThat(jdbc.sql("select retired_at is null from statement where entity_id = ? and value = 'Hidden Name'").param(mixed)
                .query(Boolean.class).single()).isTrue();

        List<RecordedEvent> events = auditSince(before);
        assertThat(events).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo(AuditAction.COLLECTION);
            assertThat(e.event().actor()).isEqualTo("imp.pol.low." + run);
            assertThat(e.event().target()).contains(police).contains("1 statements added");
            assertThat(e.event().justification()).contains("2026/0777");
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo(AuditAction.ALTERATION);
            assertThat(e.event().actor()).isEqualTo("imp.pol.low." + run);
            assertThat(e.event().target()).contains("1 statements retired");
        });
    }

    private static String line(String id, String name) {
        return "{\"id\":\"" + id + "\",\"schema\":\"Person\",\"properties\":{\"name\":[\"" + name + "\"]}}\n";
    }

    private static org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder ftm(String token, String source,
            String handling, String lines) {
        return (org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder) multipart("/api/imports")
                .file(new MockMultipartFile("file", "p.jsonl", "application/x-ndjson", lines.getBytes(StandardCharsets.UTF_8)))
                .param("format", "ftm").param("source", source).param("originator", "ASP").param("legalBasis", "test")
                .param("evaluation", "B2").param("handling", handling).with(bearer(token));
    }

    private ImportJob run(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        String body = mvc.perform(request).andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        ImportJob job = jobs.find(JsonMapper.builder().build().readTree(body).path("id").asString()).orElseThrow();
        assertThat(job.await(Duration.ofMinutes(2))).isTrue();
        return job;
    }

    long auditSize() {
        return jdbc.sql("select coalesce(max(idx) + 1, 0) from audit_entry").query(Long.class).single();
    }

    List<RecordedEvent> auditSince(long from) {
        return jdbc.sql("select data from audit_entry where idx >= ? order by idx").param(from)
                .query((rs, n) -> AuditCodec.decode(rs.getBytes(1))).list();
    }
}
