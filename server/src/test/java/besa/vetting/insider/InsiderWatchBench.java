package besa.vetting.insider;

import static org.assertj.core.api.Assertions.assertThat;

import besa.access.AccessProfiles;
import besa.access.Role;
import besa.access.TestAccounts;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import besa.vetting.VettingAccess;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.PersonnelRegister;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How fast the watch reads a long trail (catch-up after downtime, or the first run on an existing
 * trail): N consultations by 1,000 users (300 of them officers with a phone in the register) of
 * 20,000 entities, one of them a canary. Opt-in: {@code -Dbesa.bench.insider=N}.
 */
@SpringBootTest
@EnabledIfSystemProperty(named = "besa.bench.insider", matches = "\\d+")
class InsiderWatchBench {
    static final int USERS = 1_000, OFFICERS = 300, ENTITIES = 20_000;

    @Autowired AuditLog audit;
    @Autowired InsiderWatch watch;
    @Autowired JdbcClient jdbc;
    @Autowired IntelStore store;
    @Autowired AccessProfiles profiles;
    @Autowired PersonnelRegister personnel;
    @Autowired VettingAccess access;
    @Autowired besa.audit.AuditStore auditStore;

    @Test
    void catchUp() throws Exception {
        long n = Long.getLong("besa.bench.insider");
        store.saveSource(new Source("bench-src", "Bench", "ASP", "test"));
        Provenance p = new Provenance("bench-src", "r", "ASP", "test", null, null, Grading.parse("B2"), Handling.H0, null);
        List<EntityRecord> records = new ArrayList<>();
        for (int i = 0; i < ENTITIES; i++) {
            String id = "bench-p" + i;
            records.add(new EntityRecord(id, EntityType.Person, List.of(new Statement(id, "name", "Bench Person" + letters(i), "x", p))));
        }
        for (int i = 0; i < OFFICERS; i++) {
            String id = "bench-ph" + i, number = "+35568" + String.format("%07d", i);
            records.add(new EntityRecord(id, EntityType.Phone, List.of(new Statement(id, "number", number, number, p))));
        }
        store.save(records);
        access.system(scope -> {
            jdbc.sql("insert into canary_record (entity_id, note, created_by) values ('bench-p7', 'bench', 'bench') on conflict do nothing").update();
            for (int i = 0; i < OFFICERS; i++) {
                personnel.save(new Officer("BENCH-" + i, "Bench", null, "Officer" + letters(i), "1980-01-01", null, null, true,
                        List.of(new Officer.Identifier(Officer.IdentifierKind.PHONE, "+35568" + String.format("%07d", i), "x", Officer.Origin.ISSUED)),
                        List.of(), List.of()));
            }
            return null;
        });
        for (int u = 0; u < USERS; u++) {
            TestAccounts.ensure(jdbc, "bench.u" + u, Role.ANALYST);
            if (u < OFFICERS) profiles.linkOfficer("bench.u" + u, "BENCH-" + u);
        }
        watch.run(); // whatever the trail held before

        AtomicLong next = new AtomicLong();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 1000; t++) {
                done.add(pool.submit(() -> {
                    long i;
                    while ((i = next.getAndIncrement()) < n) {
                        long h = i * 0x9E3779B97F4A7C15L;
                        String target = i % 997 == 0 ? "bench-ph" + Math.floorMod(h >>> 7, OFFICERS) : "bench-p" + Math.floorMod(h >>> 20, ENTITIES);
                        audit.record(new AuditEvent("bench.u" + Math.floorMod(h, USERS), AuditAction.CONSULTATION, target, "CASE 2026/1", "",
                                AuditOutcome.SUCCESS, "10.0.0.1"));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        }
        double write = (System.nanoTime() - t0) / 1e9;
        // The auditors' search columns are filled behind the writer (every 5 s in the server): not the watch's cost.
        long ts = System.nanoTime();
        auditStore.catchUpSearch();
        System.out.printf("INSIDER BENCH: search columns caught up in %.1f s%n", (System.nanoTime() - ts) / 1e9);

        long t1 = System.nanoTime();
        InsiderWatch.RunReport r = watch.run();
        double secs = (System.nanoTime() - t1) / 1e9;
        System.out.printf("INSIDER BENCH: wrote %d entries in %.1f s; watch read %d entries (%d lookups) in %.1f s = %.0f entries/s; %d findings, %d alerts%n",
                n, write, r.entries(), r.lookups(), secs, r.entries() / secs, r.findings(), r.created());
        assertThat(r.entries()).isGreaterThanOrEqualTo(n);

        long t2 = System.nanoTime();
        InsiderWatch.RunReport idle = watch.run();
        System.out.printf("INSIDER BENCH: an idle run took %.1f ms (%d entries)%n", (System.nanoTime() - t2) / 1e6, idle.entries());
    }

    private static String letters(int i) {
        StringBuilder b = new StringBuilder();
        do {
            b.append((char) ('a' + i % 26));
            i /= 26;
        } while (i > 0);
        return b.toString();
    }
}
