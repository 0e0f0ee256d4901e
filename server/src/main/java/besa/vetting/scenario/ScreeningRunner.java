package besa.vetting.scenario;

import besa.vetting.VettingAccess;
import besa.vetting.screening.Screening;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs the screening for the benchmark and the demo, when the application has a screening engine
 * (the {@link Screening} bean may be absent from a build), and answers whether a factor exists yet.
 */
@Component
public class ScreeningRunner {
    private final ObjectProvider<Screening> screening;
    private final VettingAccess vetting;
    private final JdbcClient jdbc;

    ScreeningRunner(ObjectProvider<Screening> screening, VettingAccess vetting, JdbcClient jdbc) {
        this.screening = screening;
        this.vetting = vetting;
        this.jdbc = jdbc;
    }

    /** What a full run did, measured from outside the engine. */
    public record FullRun(int officers, long entities, int findings, int alertsCreated, int alertsUpdated, int alertsReopened, double seconds,
            double engineSeconds, long peakHeapBytes, long openAlerts) {}

    public boolean available() {
        return screening.getIfAvailable() != null;
    }

    /** A full screening with its wall time and the heap's peak during it; empty without an engine. */
    public Optional<FullRun> runFull() {
        Screening s = screening.getIfAvailable();
        if (s == null) return Optional.empty();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        Screening.RunReport r = s.runFull();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long open = vetting.system(scope -> jdbc.sql("select count(*) from vetting_alert where origin = 'SCREENING' and status <> 'DISMISSED'")
                .query(Long.class).single());
        return Optional.of(new FullRun(r.officers(), r.entities(), r.findings(), r.alertsCreated(), r.alertsUpdated(), r.alertsReopened(), seconds,
                r.took().toMillis() / 1e3, peak, open));
    }

    /** Whether any screening alert exists (the demo screens once, when there is none yet). */
    public boolean hasAlerts() {
        return vetting.system(scope -> jdbc.sql("select exists (select 1 from vetting_alert where origin = 'SCREENING')").query(Boolean.class).single());
    }

    /** Screens these entities now (when no change event did); false without an engine. */
    public boolean screenEntities(Set<String> entityIds) {
        Screening s = screening.getIfAvailable();
        if (s == null) return false;
        s.screenEntities(entityIds);
        return true;
    }

    /** Whether the officer's screening alert holds an active factor naming this entity (in its key or evidence). */
    public boolean factorExists(String officerId, String entityId) {
        String like = "%" + entityId + "%";
        return vetting.system(scope -> jdbc.sql("""
                select exists (select 1 from vetting_alert a join vetting_factor f on f.alert_id = a.id
                where a.officer_id = ? and a.origin = 'SCREENING' and f.active and (f.key like ? or f.evidence::text like ?))""")
                .params(officerId, like, like).query(Boolean.class).single());
    }
}
