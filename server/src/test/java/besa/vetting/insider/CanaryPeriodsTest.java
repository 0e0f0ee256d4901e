package besa.vetting.insider;

import static besa.access.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.ApiTokens;
import besa.access.Justification;
import besa.access.Role;
import besa.access.UserAccounts;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import besa.vetting.VettingAccess;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Canaries are versioned: unmarking a canary, looking at it and marking it again (with the watch
 * running in between) is still a canary lookup; a look far outside every canary period is not.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CanaryPeriodsTest {
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired IntelStore store;
    @Autowired UserAccounts accounts;
    @Autowired ApiTokens apiTokens;
    @Autowired VettingAccess access;
    @Autowired InsiderWatch watch;
    @Autowired Canaries canaries;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String canary = "cp-can-" + run, analyst = "cp.analyst." + run;
    /** Letters only, so the decoy's name matches no other test's search. */
    final String tag = run.chars().mapToObj(c -> String.valueOf((char) (Character.isDigit(c) ? 'q' + (c - '0') % 8 : c))).reduce("", String::concat);
    String token;

    @BeforeEach
    void seed() {
        String src = "cp-src-" + run;
        store.saveSource(new Source(src, "Canary period test source", "ASP", "Law 108/2014"));
        Provenance p = new Provenance(src, "r1", "ASP", "Law 108/2014", null, null, Grading.parse("B2"), Handling.H0, null);
        store.save(List.of(new EntityRecord(canary, EntityType.Person, List.of(new Statement(canary, "name", "Vjollcë Periudh" + tag, "Vjollcë Periudh" + tag, p)))));
        accounts.upsert(analyst, analyst, "canary period password " + run, Set.of(Role.ANALYST));
        token = apiTokens.issue(analyst, "", analyst, "canary test", Duration.ofHours(1)).token();
        watch.run(); // the trail so far is not this test's
    }

    private void look() throws Exception {
        mvc.perform(get("/api/entities/" + canary).with(bearer(token)).header(Justification.HEADER, "REASON DATA_QUALITY: canary period test"))
                .andExpect(status().isOk());
    }

    private boolean canaryFinding() {
        return access.system(s -> jdbc.sql("""
                select count(*) from vetting_factor f join vetting_alert a on a.id = f.alert_id
                where a.origin = 'INSIDER' and a.username = ? and f.key like 'CANARY:' || ? || ':%'""")
                .params(analyst, canary).query(Long.class).single()) > 0;
    }

    @Test
    void unmarkLookWatchRemarkIsStillACanaryLookup() throws Exception {
        access.system(s -> canaries.mark(canary, "decoy for the period test", "vetting.test"));
        access.system(s -> canaries.unmark(canary));
        look();
        watch.run(); // at this moment the entity is no canary
        access.system(s -> canaries.mark(canary, "placed again", "vetting.test"));
        assertThat(canaryFinding()).isTrue();
        // Both periods are kept.
        long periods = access.system(s -> jdbc.sql("select count(*) from canary_period where entity_id = ?").param(canary).query(Long.class).single());
        assertThat(periods).isEqualTo(2);
    }

    /** A canary period that ended two hours ago, as the history holds it (the clock is the database's). */
    private void pastPeriod() {
        access.system(s -> jdbc.sql("insert into canary_period (entity_id, marked_at, unmarked_at) values (?, now() - interval '3 hours', now() - interval '2 hours')")
                .param(canary).update());
    }

    @Test
    void aLookInALongGapBetweenTwoPeriodsIsFoundWhenTheCanaryIsMarkedAgain() throws Exception {
        pastPeriod();
        look();
        watch.run(); // far outside the old period and before any new one: nothing yet
        assertThat(canaryFinding()).isFalse();
        access.system(s -> canaries.mark(canary, "placed again", "vetting.test"));
        watch.run();
        assertThat(canaryFinding()).isTrue();
        long scans = access.system(s -> jdbc.sql("select count(*) from canary_gap_scan where entity_id = ?").param(canary).query(Long.class).single());
        assertThat(scans).isEqualTo(1);
    }

    @Test
    void aPeriodCanOnlyBeClosed() {
        access.system(s -> canaries.mark(canary, "decoy for the guard test", "vetting.test"));
        String moveStart = "update canary_period set marked_at = marked_at - interval '1 day' where entity_id = ? and unmarked_at is null";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> access.system(s -> jdbc.sql(moveStart).param(canary).update()))
                .hasMessageContaining("may only be closed");
        access.system(s -> canaries.unmark(canary)); // closing: allowed (the trigger of canary_record does it)
        String reopen = "update canary_period set unmarked_at = null where entity_id = ?";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> access.system(s -> jdbc.sql(reopen).param(canary).update()))
                .hasMessageContaining("is closed");
        String shift = "update canary_period set unmarked_at = unmarked_at + interval '1 hour' where entity_id = ?";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> access.system(s -> jdbc.sql(shift).param(canary).update()))
                .hasMessageContaining("is closed");
    }

    @Test
    void theSecurityFunctionsPinTheirSearchPath() {
        List<String> configs = jdbc.sql("""
                select proname || ' ' || coalesce(array_to_string(proconfig, ','), '') from pg_proc
                where proname in ('besa_vetting_suspended', 'besa_canary_period', 'besa_canary_period_guard',
                                  'besa_officer_registered', 'besa_officer_under_vetting') order by 1""").query(String.class).list();
        assertThat(configs).hasSize(5).allSatisfy(c -> assertThat(c).contains("search_path=pg_catalog, public, pg_temp"));
    }

    @org.junit.jupiter.api.AfterEach
    void unmark() {
        access.system(s -> canaries.unmark(canary));
    }

    @Test
    void aLookLongAfterTheCanaryWasRemovedIsNot() throws Exception {
        // The period ended two hours ago (far beyond the window); periods are history, so it is written as such.
        pastPeriod();
        look();
        watch.run();
        assertThat(canaryFinding()).isFalse();
    }
}
