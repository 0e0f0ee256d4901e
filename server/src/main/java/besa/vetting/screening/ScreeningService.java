package besa.vetting.screening;

import besa.access.ReadScope;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.vetting.VettingAccess;
import besa.vetting.alert.AlertWriter;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.PersonnelRegister;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs every {@link Detector} bean over the officers and the intelligence the vetting unit may see,
 * and merges what they find into the alert queue. Runs as the application ({@link VettingAccess#system})
 * but reads intelligence in the vetting unit's scope ({@link VettingScope}). One run at a time, in this
 * process (a lock) and across processes (an advisory lock in the run's transaction). Each run is
 * recorded ({@code screening_run}) and audited as a COMBINATION of personnel data with intelligence.
 */
@Service
public class ScreeningService implements Screening {
    /** Who asks for the automatic runs. */
    public static final String SYSTEM_USER = AlertWriter.SYSTEM_USER;
    private static final long ADVISORY_LOCK = 0x5343_5245_454eL; // "SCREEN"
    private static final Logger log = LoggerFactory.getLogger(ScreeningService.class);

    private final List<Detector> detectors;
    private final VettingAccess access;
    private final PersonnelRegister register;
    private final OfficerCache officers;
    private final AlertWriter alerts;
    private final ScreeningRuns runs;
    private final JdbcClient jdbc;
    private final ObjectProvider<AuditLog> audit;
    private final TransactionTemplate savepoint;
    private final ReentrantLock lock = new ReentrantLock(true);

    ScreeningService(List<Detector> detectors, VettingAccess access, PersonnelRegister register, OfficerCache officers, AlertWriter alerts,
            ScreeningRuns runs, JdbcClient jdbc, ObjectProvider<AuditLog> audit, PlatformTransactionManager tm) {
        this.detectors = List.copyOf(detectors);
        this.access = access;
        this.register = register;
        this.officers = officers;
        this.alerts = alerts;
        this.runs = runs;
        this.jdbc = jdbc;
        this.audit = audit;
        this.savepoint = new TransactionTemplate(tm);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** The kinds the detectors look for (a full or per-officer run covers them all). */
    public Set<FactorKind> kinds() {
        Set<FactorKind> k = EnumSet.noneOf(FactorKind.class);
        detectors.forEach(d -> k.add(d.kind()));
        return k;
    }

    @Override
    public RunReport runFull() {
        return runFull(SYSTEM_USER);
    }

    @Override
    public RunReport screenEntities(Set<String> entityIds) {
        return screenEntities(entityIds, SYSTEM_USER);
    }

    @Override
    public RunReport screenOfficers(Set<String> officerIds) {
        return screenOfficers(officerIds, SYSTEM_USER);
    }

    /** A full run asked for by {@code requestedBy} (a user, or {@code besa}). */
    public RunReport runFull(String requestedBy) {
        return run("FULL", requestedBy, "all active officers against all intelligence", ctx -> {
            List<Officer> all = officers.active(true);
            Work w = new Work(all, kinds(), countEntities());
            for (Detector d : detectors) w.detect(d, out -> d.screen(w.ctx, out));
            // Officers with an alert but nothing found now: their factors go inactive.
            w.subjects.addAll(jdbc.sql("select officer_id from vetting_alert where origin = 'SCREENING' and officer_id is not null")
                    .query(String.class).list());
            return w;
        });
    }

    /** All active officers against these changed entities (and the ends of changed relations); only adds and updates. */
    public RunReport screenEntities(Set<String> entityIds, String requestedBy) {
        if (entityIds.isEmpty()) return new RunReport("ENTITIES", 0, 0, 0, 0, 0, 0, Duration.ZERO);
        return run("ENTITIES", requestedBy, entityIds.size() + " changed intelligence entities against all active officers", ctx -> {
            Set<String> ids = withRelationEnds(entityIds);
            Work w = new Work(officers.active(false), Set.of(), ids.size());
            for (Detector d : detectors) w.detect(d, out -> d.screenChanged(w.ctx, ids, out));
            return w;
        });
    }

    /** These officers against all intelligence; their factors not found again go inactive. */
    public RunReport screenOfficers(Set<String> officerIds, String requestedBy) {
        if (officerIds.isEmpty()) return new RunReport("OFFICERS", 0, 0, 0, 0, 0, 0, Duration.ZERO);
        return run("OFFICERS", requestedBy, officerIds.size() + " officers against all intelligence", ctx -> {
            List<Officer> some = register.find(officerIds).stream().filter(Officer::active).toList();
            Work w = new Work(some, kinds(), countEntities());
            for (Detector d : detectors) w.detect(d, out -> d.screen(w.ctx, out));
            some.forEach(o -> w.subjects.add(o.id()));
            return w;
        });
    }

    /** One run's state: the context, the findings per officer, and the kinds that were looked for completely. */
    private final class Work {
        final ScreeningContext ctx;
        final Set<String> known = new HashSet<>();
        final Map<String, List<Finding>> found = new HashMap<>();
        final Set<String> subjects = new LinkedHashSet<>();
        final Set<FactorKind> covered;
        final long entities;
        final List<String> problems = new ArrayList<>();
        final Map<FactorKind, Long> millis = new java.util.EnumMap<>(FactorKind.class);
        int findings;

        Work(List<Officer> officers, Set<FactorKind> covered, long entities) {
            this.ctx = new ScreeningContext(officers, VettingScope.load(jdbc), jdbc);
            officers.forEach(o -> known.add(o.id()));
            this.covered = EnumSet.noneOf(FactorKind.class);
            this.covered.addAll(covered);
            this.entities = entities;
        }

        /**
         * Runs one detector under a savepoint: if it fails, its queries are undone, the others still run,
         * and its kind is not "covered" (its earlier factors are kept rather than wrongly retired).
         */
        void detect(Detector d, Consumer<Consumer<Finding>> screen) {
            List<Finding> mine = new ArrayList<>();
            long t0 = System.nanoTime();
            try {
                savepoint.executeWithoutResult(s -> screen.accept(f -> {
                    if (f.officerId() != null && known.contains(f.officerId())) mine.add(f);
                }));
            } catch (RuntimeException e) {
                log.warn("screening: the {} detector failed; its factors are left as they were", d.kind(), e);
                covered.remove(d.kind());
                problems.add(d.kind() + " detector failed: " + e.getMessage());
                return;
            } finally {
                millis.merge(d.kind(), (System.nanoTime() - t0) / 1_000_000, Long::sum);
            }
            for (Finding f : mine) {
                found.computeIfAbsent(f.officerId(), k -> new ArrayList<>()).add(f);
                subjects.add(f.officerId());
            }
            findings += mine.size();
        }
    }

    private interface Body {
        Work apply(ReadScope scope);
    }

    private RunReport run(String kind, String requestedBy, String what, Body body) {
        lock.lock();
        Instant started = Instant.now();
        try {
            RunReport report = access.system(scope -> {
                jdbc.sql("select pg_advisory_xact_lock(?)").param(ADVISORY_LOCK).query().singleRow();
                Work w = body.apply(scope);
                int created = 0, updated = 0, reopened = 0;
                for (String officer : w.subjects) {
                    if (!w.known.contains(officer)) continue; // an alert about an officer no longer active stays as it is
                    AlertWriter.Result r = alerts.merge("SCREENING", officer, null, w.covered, w.found.getOrDefault(officer, List.of()));
                    switch (r.change()) {
                        case CREATED -> created++;
                        case UPDATED -> updated++;
                        case REOPENED -> reopened++;
                        case NONE -> { }
                    }
                }
                Instant finished = Instant.now();
                RunReport rep = new RunReport(kind, w.ctx.officers().size(), w.entities, w.findings, created, updated, reopened,
                        Duration.between(started, finished));
                runs.record(kind, requestedBy, started, finished, rep, w.problems.isEmpty() ? null : String.join("; ", w.problems));
                log.info("screening {}: detectors took {} ms", kind, w.millis);
                return rep;
            });
            audit(requestedBy, what, report, AuditOutcome.SUCCESS);
            log.info("screening {} by {}: {} officers, {} entities, {} findings, alerts {} new, {} updated, {} reopened in {} ms", kind, requestedBy,
                    report.officers(), report.entities(), report.findings(), report.alertsCreated(), report.alertsUpdated(), report.alertsReopened(),
                    report.took().toMillis());
            return report;
        } catch (RuntimeException e) {
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            try {
                access.system(scope -> runs.record(kind, requestedBy, started, Instant.now(), null, error.length() > 2000 ? error.substring(0, 2000) : error));
                audit(requestedBy, what, null, AuditOutcome.FAILED);
            } catch (RuntimeException again) {
                e.addSuppressed(again);
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** One event per run: personnel data combined with intelligence, by the user who asked (or {@code besa}). */
    private void audit(String requestedBy, String what, RunReport r, AuditOutcome outcome) {
        AuditLog log = audit.getIfAvailable();
        if (log == null) return;
        // No findings or alert counts: auditors may be screened officers too (the counts are in the run history).
        String target = "screening: " + what + (r == null ? "" : " (" + r.officers() + " officers, " + r.entities() + " entities)");
        log.record(new AuditEvent(requestedBy, AuditAction.COMBINATION, target, "integrity vetting screening", "", outcome, ""));
    }

    private long countEntities() {
        return jdbc.sql("select count(*) from entity").query(Long.class).single();
    }

    /** The changed ids plus both ends of every changed relation: a new link changes what its ends are near. */
    private Set<String> withRelationEnds(Set<String> ids) {
        Set<String> all = new HashSet<>(ids);
        String[] arr = ids.toArray(String[]::new);
        jdbc.sql("select subject_id, object_id from edge where relation_id = any(?)").param(arr).query((rs, n) -> {
            all.add(rs.getString(1));
            all.add(rs.getString(2));
            return null;
        }).list();
        return Set.copyOf(all);
    }
}
