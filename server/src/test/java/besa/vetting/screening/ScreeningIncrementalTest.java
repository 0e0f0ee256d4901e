package besa.vetting.screening;

import static besa.vetting.screening.ScreeningFixtures.ftm;
import static org.assertj.core.api.Assertions.assertThat;

import besa.intel.IntelChanged;
import besa.intel.ingest.Ingestion;
import besa.vetting.VettingAccess;
import besa.vetting.personnel.Officer.Identifier;
import besa.vetting.personnel.Officer.IdentifierKind;
import besa.vetting.personnel.Officer.Origin;
import besa.vetting.personnel.PersonnelRegister;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Screening on every change: one record imported through the real ingestion raises the alert, with no run asked for. */
@SpringBootTest
@AutoConfigureMockMvc
@RecordApplicationEvents
class ScreeningIncrementalTest {
    @Autowired Ingestion ingestion;
    @Autowired PersonnelRegister register;
    @Autowired VettingAccess access;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEvents events;

    @Test
    void oneImportedRecordRaisesTheAlertByItself() {
        ScreeningFixtures fx = new ScreeningFixtures(ingestion, register, access, jdbc);
        String digits = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
        String officer = "scr-inc-" + digits, phone = "+35568" + digits;
        fx.officer(ScreeningFixtures.officer(officer, "Besnik", "Agim", "Zeneli" + digits.substring(0, 2), "1982-08-08",
                List.of(new Identifier(IdentifierKind.PHONE, phone, phone, Origin.ISSUED)), List.of()));
        String key = "IDENTIFIER:PHONE:" + phone + ":inc-" + digits;

        java.sql.Timestamp before = jdbc.sql("select now()").query(java.sql.Timestamp.class).single();
        fx.importFtm(ftm("inc-" + digits, "besa:Phone", Map.of("number", "068 " + digits)));

        assertThat(events.stream(IntelChanged.class)).anyMatch(e -> e.entityIds().contains("inc-" + digits) && !e.everything());
        Duration took = await(() -> fx.factors(officer).containsKey(key), Duration.ofSeconds(60));
        // A figure for docs/benchmarks.md, not an assertion: the machine is shared.
        System.out.println("screening latency: commit of one record to its alert in " + took.toMillis() + " ms (polled every 10 ms)");
        assertThat(fx.factors(officer)).containsKey(key);
        // and it was the worker's own incremental run, after this import
        long runs = access.system(s -> jdbc.sql("select count(*) from screening_run where kind = 'ENTITIES' and requested_by = 'besa' and started_at >= ?")
                .param(before).query(Long.class).single());
        assertThat(runs).isPositive();
    }

    @Test
    void aCryptophoneAccountLinkedLaterToTheDeniersPhoneRaisesTheContradiction() {
        ScreeningFixtures fx = new ScreeningFixtures(ingestion, register, access, jdbc);
        String digits = Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999));
        String officer = "scr-inc-c-" + digits, phone = "+35569" + digits;
        fx.officer(ScreeningFixtures.officer(officer, "Genc", "Besim", "Kola" + digits.substring(0, 2), "1983-03-03",
                List.of(new Identifier(IdentifierKind.PHONE, phone, phone, Origin.DECLARED)), List.of(ScreeningFixtures.deniesCryptophone())));
        fx.importFtm(ftm("incp-" + digits, "besa:Phone", Map.of("number", phone)));
        await(() -> fx.factors(officer).containsKey("IDENTIFIER:PHONE:" + phone + ":incp-" + digits), Duration.ofSeconds(60));
        assertThat(fx.factors(officer).keySet()).noneMatch(k -> k.startsWith("CONTRADICTION"));

        // A later file links an EncroChat account to that phone: only the account and the relation are new.
        fx.importFtm(ScreeningFixtures.besa("inca-" + digits, "Account", Map.of("handle", "owl" + digits, "service", "EncroChat")),
                ScreeningFixtures.besa("incu-" + digits, "Uses", Map.of("subject", "incp-" + digits, "object", "inca-" + digits)));
        await(() -> fx.factors(officer).containsKey("CONTRADICTION:2024-01-15::inca-" + digits), Duration.ofSeconds(60));
    }

    /** Polls the database until the condition holds or the timeout passes; returns how long it took. */
    static Duration await(java.util.function.BooleanSupplier condition, Duration timeout) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > timeout.toNanos()) throw new AssertionError("not reached within " + timeout);
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
