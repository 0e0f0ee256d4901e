package besa.vetting.scenario;

import besa.intel.store.BulkWriter;
import besa.intel.store.IntelStore;
import besa.vetting.VettingAccess;
import besa.vetting.personnel.Officer;
import java.io.PrintStream;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Loads a {@link ScreeningScenario} fast: the intelligence through the store's bulk path (COPY into
 * staging, set-based moves; one transaction per {@value #CHUNK} entities), the personnel register and
 * the leads in JDBC batches as the application itself. Idempotent: statements already held are kept,
 * officers are rewritten whole, leads are unique per reference and identifier; a completed load is
 * recorded (V102) and not repeated. No change events are published: the caller runs a full screening.
 */
@Component
public class ScenarioLoader {
    static final int CHUNK = 200_000;
    private static final int BATCH = 2_000;
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private final IntelStore store;
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final VettingAccess vetting;
    private final PlatformTransactionManager tm;

    ScenarioLoader(IntelStore store, JdbcClient jdbc, DataSource dataSource, VettingAccess vetting, PlatformTransactionManager tm) {
        this.store = store;
        this.jdbc = jdbc;
        this.batch = new JdbcTemplate(dataSource);
        this.vetting = vetting;
        this.tm = tm;
    }

    /** What a load did and how long each part took. */
    public record Loaded(long entities, long statements, int officers, int leads, double intelSeconds, double personnelSeconds) {
        public String line() {
            return String.format(Locale.ROOT, "loaded %,d entities (%,d statements) in %.1f s = %,.0f entities/s; %,d officers and %,d lead rows in %.1f s",
                    entities, statements, intelSeconds, entities / Math.max(intelSeconds, 1e-3), officers, leads, personnelSeconds);
        }
    }

    public boolean isLoaded(long seed, int officers, long entities) {
        return jdbc.sql("select count(*) from vetting_scenario where seed = ? and officers = ? and entities = ?")
                .params(seed, officers, entities).query(Long.class).single() > 0;
    }

    /** Another scenario already loaded here (its officers would mix with this one's), as "seed officers×entities". */
    public Optional<String> other(long seed, int officers, long entities) {
        return jdbc.sql("select seed || ' ' || officers || '×' || entities from vetting_scenario"
                        + " where not (seed = ? and officers = ? and entities = ?) order by loaded_at limit 1")
                .params(seed, officers, entities).query(String.class).optional();
    }

    /** Loads the scenario unless it is loaded already; true if it loaded. */
    public boolean ensure(ScreeningScenario s, PrintStream out) {
        if (isLoaded(s.seed(), s.officerCount(), s.entityTarget())) return false;
        Loaded l = load(s, out);
        out.println(l.line());
        return true;
    }

    public Loaded load(ScreeningScenario s, PrintStream out) {
        long t0 = System.nanoTime();
        ScreeningScenario.sources().forEach(store::saveSource);
        Intel intel = new Intel(out, s.entityTarget());
        ScreeningScenario.Summary summary;
        try {
            summary = s.generate(intel::add);
            intel.commit();
        } catch (RuntimeException e) {
            intel.rollback();
            throw e;
        }
        long t1 = System.nanoTime();
        savePersonnel(s.officers());
        int leads = saveLeads(s.leads());
        long t2 = System.nanoTime();
        jdbc.sql("""
                insert into vetting_scenario (seed, officers, entities, generated) values (?, ?, ?, ?)
                on conflict (seed, officers, entities) do update set generated = excluded.generated, loaded_at = now()""")
                .params(s.seed(), s.officerCount(), s.entityTarget(), summary.entities()).update();
        return new Loaded(summary.entities(), summary.statements(), s.officers().size(), leads, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    }

    /** The officers as HR would deliver them: each officer's identifiers, duties and declarations replaced whole. */
    public void savePersonnel(List<Officer> officers) {
        vetting.system(scope -> {
            for (int from = 0; from < officers.size(); from += BATCH) {
                List<Officer> part = officers.subList(from, Math.min(officers.size(), from + BATCH));
                batch.batchUpdate("""
                        insert into officer (id, given_name, father_name, surname, birth_date, unit, rank, active) values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (id) do update set given_name = excluded.given_name, father_name = excluded.father_name,
                            surname = excluded.surname, birth_date = excluded.birth_date, unit = excluded.unit, rank = excluded.rank,
                            active = excluded.active, updated_at = now()""",
                        part.stream().map(o -> new Object[] {o.id(), o.givenName(), o.fatherName(), o.surname(), o.birthDate(), o.unit(), o.rank(),
                            o.active()}).toList());
                String[] ids = part.stream().map(Officer::id).toArray(String[]::new);
                for (String t : List.of("officer_identifier", "officer_duty", "officer_declaration")) {
                    jdbc.sql("delete from " + t + " where officer_id = any(?)").param(ids).update();
                }
                List<Object[]> idRows = new ArrayList<>(), dutyRows = new ArrayList<>(), declRows = new ArrayList<>();
                for (Officer o : part) {
                    for (Officer.Identifier i : o.identifiers()) idRows.add(new Object[] {o.id(), i.kind().name(), i.value(), i.original(), i.origin().name()});
                    for (Officer.Duty d : o.duties()) {
                        dutyRows.add(new Object[] {o.id(), Timestamp.from(d.startsAt()), Timestamp.from(d.endsAt()), d.unit(), d.place(), d.latitude(),
                            d.longitude()});
                    }
                    for (Officer.Declaration d : o.declarations()) {
                        declRows.add(new Object[] {o.id(), Date.valueOf(d.declaredOn()), d.question(), d.answer(), d.cryptophoneUse()});
                    }
                }
                batch.batchUpdate("insert into officer_identifier (officer_id, kind, value, original, origin) values (?, ?, ?, ?, ?) on conflict do nothing",
                        idRows);
                batch.batchUpdate("insert into officer_duty (officer_id, starts_at, ends_at, unit, place, latitude, longitude) values (?, ?, ?, ?, ?, ?, ?)",
                        dutyRows);
                batch.batchUpdate("""
                        insert into officer_declaration (officer_id, declared_on, question, answer, cryptophone_use) values (?, ?, ?, ?, ?)
                        on conflict (officer_id, declared_on, question) do update set answer = excluded.answer, cryptophone_use = excluded.cryptophone_use""",
                        declRows);
            }
            return null;
        });
    }

    /** Officers handed over by another generator (the demo), stored as {@link #savePersonnel} does. */
    public void saveOfficers(List<ScenarioOfficer> officers) {
        savePersonnel(officers.stream().map(ScenarioLoader::officer).toList());
    }

    static Officer officer(ScenarioOfficer o) {
        List<Officer.Identifier> ids = new ArrayList<>();
        for (int i = 0; i < o.phones().size(); i++) {
            ids.add(new Officer.Identifier(Officer.IdentifierKind.PHONE, o.phones().get(i), o.phones().get(i),
                    i == 0 ? Officer.Origin.ISSUED : Officer.Origin.DECLARED));
        }
        for (String imei : o.imeis()) ids.add(new Officer.Identifier(Officer.IdentifierKind.IMEI, imei, imei, Officer.Origin.ISSUED));
        if (o.address() != null) ids.add(new Officer.Identifier(Officer.IdentifierKind.ADDRESS, o.address(), o.address(), Officer.Origin.HR));
        List<Officer.Duty> duties = o.duties().stream()
                .map(d -> new Officer.Duty(d.startsAt(), d.endsAt(), o.unit(), d.place(), d.latitude(), d.longitude())).toList();
        Officer.Declaration declaration = new Officer.Declaration(java.time.LocalDate.of(2026, 3, 16), ScreeningScenario.QUESTION,
                o.cryptophoneUse() ? "Po" : "Jo", o.cryptophoneUse());
        return new Officer(o.id(), o.givenName(), o.fatherName(), o.surname(), o.birthDate(), o.unit(), o.rank(), true, ids, duties,
                List.of(declaration));
    }

    /** The partner's lead list; rows already held (same originator, reference, kind and value) are kept. Returns rows added. */
    public int saveLeads(List<ScenarioLead> leads) {
        return vetting.system(scope -> {
            int[] counts = batch.batchUpdate("""
                    insert into lead (reference, originator, legal_basis, handling, platform, kind, value, original, attribution, entity_id, imported_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'besa-scenario')
                    on conflict (originator, reference, kind, value) do nothing""",
                    leads.stream().map(l -> new Object[] {l.reference(), l.originator(), l.legalBasis(), l.handling(), l.platform(), l.kind(), l.value(),
                        l.original(), l.attribution(), l.entityId()}).toList());
            int n = 0;
            for (int c : counts) n += Math.max(c, 0);
            return n;
        });
    }

    /** The intelligence writer: a bulk writer per transaction of {@value #CHUNK} entities, with progress. */
    private final class Intel {
        private final PrintStream out;
        private final long expected;
        private final long start = System.nanoTime();
        private long last = start;
        private long added;
        private TransactionStatus tx;
        private BulkWriter writer;

        Intel(PrintStream out, long expected) {
            this.out = out;
            this.expected = expected;
            begin();
        }

        private void begin() {
            tx = tm.getTransaction(new DefaultTransactionDefinition());
            writer = store.bulkWriter();
        }

        void add(besa.intel.store.EntityRecord r) {
            writer.add(r);
            if (++added % CHUNK == 0) {
                commit();
                begin();
            }
            long now = System.nanoTime();
            if (now - last >= PROGRESS_EVERY_NANOS && out != null) {
                last = now;
                double rate = added / ((now - start) / 1e9);
                out.printf(Locale.ROOT, "  loading: %,d / %,d entities (%,.0f/s)%n", added, expected, rate);
            }
        }

        void commit() {
            writer.finish(false);
            tm.commit(tx);
        }

        void rollback() {
            if (!tx.isCompleted()) tm.rollback(tx);
        }
    }
}
