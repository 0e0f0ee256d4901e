package besa.vetting.screening;

import besa.intel.IntelChanged;
import besa.vetting.VettingAccess;
import besa.vetting.lead.LeadsChanged;
import besa.vetting.personnel.PersonnelChanged;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Incremental screening on every change: new or altered intelligence ({@link IntelChanged}), officers
 * ({@link PersonnelChanged}) and leads ({@link LeadsChanged}), heard after their commit. Changes queue
 * up and are coalesced; one background thread screens them, so an import never waits for the
 * screening and a burst of imports becomes one run. A change too big to list, or leads that name no
 * identifier (names, accounts, PINs), asks for a full run instead.
 */
@Component
class ScreeningWorker {
    private static final Logger log = LoggerFactory.getLogger(ScreeningWorker.class);

    private final ScreeningService screening;
    private final OfficerCache officers;
    private final VettingAccess access;
    private final JdbcClient jdbc;
    private final boolean enabled;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "screening");
        t.setDaemon(true);
        return t;
    });

    private final Object pending = new Object();
    private Set<String> entities = new HashSet<>();
    private Set<String> officerIds = new HashSet<>();
    private boolean full;
    private boolean scheduled;

    ScreeningWorker(ScreeningService screening, OfficerCache officers, VettingAccess access, JdbcClient jdbc,
            @Value("${besa.vetting.screening.incremental:true}") boolean enabled) {
        this.screening = screening;
        this.officers = officers;
        this.access = access;
        this.jdbc = jdbc;
        this.enabled = enabled;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(IntelChanged e) {
        if (e.everything()) queue(Set.of(), Set.of(), true);
        else queue(e.entityIds(), Set.of(), false);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(PersonnelChanged e) {
        officers.forget();
        queue(Set.of(), e.officerIds(), false);
    }

    /** Leads on identifiers concern the officers holding them; other leads (names, accounts) can concern anyone: a full run. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(LeadsChanged e) {
        if (!enabled || e.leadIds().isEmpty()) return;
        thread.execute(() -> {
            try {
                Long[] ids = e.leadIds().toArray(Long[]::new);
                boolean wide = access.system(s -> jdbc.sql("select exists (select 1 from lead where id = any(?) and kind not in ('PHONE', 'IMEI', 'VEHICLE', 'ADDRESS'))")
                        .param(ids).query(Boolean.class).single());
                List<String> concerned = access.system(s -> jdbc.sql("""
                        select distinct oi.officer_id from lead l join officer_identifier oi on oi.kind = l.kind
                            and (case when l.kind = 'IMEI' then left(l.value, 14) else lower(l.value) end)
                              = (case when oi.kind = 'IMEI' then left(oi.value, 14) else lower(oi.value) end)
                        where l.id = any(?)""").param(ids).query(String.class).list());
                queue(Set.of(), Set.copyOf(concerned), wide);
            } catch (RuntimeException ex) {
                log.warn("screening: could not read the new leads; running in full instead", ex);
                queue(Set.of(), Set.of(), true);
            }
        });
    }

    private void queue(Set<String> changedEntities, Set<String> changedOfficers, boolean runFull) {
        if (!enabled) return;
        synchronized (pending) {
            entities.addAll(changedEntities);
            officerIds.addAll(changedOfficers);
            full |= runFull || entities.size() > besa.intel.IntelChanged.MAX_IDS;
            if (scheduled) return;
            scheduled = true;
        }
        thread.execute(this::drain);
    }

    /** Takes everything queued so far and screens it; what arrives meanwhile waits for the next round. */
    private void drain() {
        while (true) {
            Set<String> e, o;
            boolean f;
            synchronized (pending) {
                if (entities.isEmpty() && officerIds.isEmpty() && !full) {
                    scheduled = false;
                    return;
                }
                e = entities;
                o = officerIds;
                f = full;
                entities = new HashSet<>();
                officerIds = new HashSet<>();
                full = false;
            }
            // Each part on its own: a failed officer run must not drop the entities queued with it.
            if (f) attempt(() -> screening.runFull(ScreeningService.SYSTEM_USER));
            if (!f && !o.isEmpty()) attempt(() -> screening.screenOfficers(o, ScreeningService.SYSTEM_USER));
            if (!f && !e.isEmpty()) attempt(() -> screening.screenEntities(e, ScreeningService.SYSTEM_USER));
        }
    }

    private void attempt(Runnable run) {
        try {
            run.run();
        } catch (RuntimeException ex) {
            log.warn("screening: an incremental run failed (recorded in the run history); the nightly full run catches up", ex);
        }
    }

    /**
     * The safety net: a full run every night ({@code besa.vetting.screening.full-cron}, 02:30 by default;
     * "-" turns it off, as the tests do), which catches whatever an incremental run missed: changes queued
     * when the server stopped, a failed run, or intelligence written without an {@link IntelChanged}.
     */
    @Scheduled(cron = "${besa.vetting.screening.full-cron:0 30 2 * * *}", zone = "Europe/Tirane")
    void nightly() {
        queue(Set.of(), Set.of(), true);
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}
