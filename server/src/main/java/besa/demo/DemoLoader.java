package besa.demo;

import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.vetting.scenario.ScenarioLoader;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Loads a generated scenario through the intelligence store, in batches, as any ingestion would, and
 * its officers into the personnel register and Europol's lead list into the leads. Loading again adds
 * nothing: statements are unique per entity, property, value and source; officers are rewritten whole.
 */
@Component
public class DemoLoader {
    static final int BATCH = 5_000;
    private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

    private final IntelStore store;
    private final JdbcClient jdbc;
    private final ScenarioLoader register;

    public DemoLoader(IntelStore store, JdbcClient jdbc, ScenarioLoader register) {
        this.store = store;
        this.jdbc = jdbc;
        this.register = register;
    }

    public boolean isLoaded(long seed, DemoSize size) {
        return jdbc.sql("select count(*) from demo_scenario where seed = ? and size = ?").params(seed, size.label())
                .query(Long.class).single() > 0;
    }

    /** The size of a completely loaded scenario of this seed, if there is one. */
    public Optional<DemoSize> loadedSize(long seed) {
        return jdbc.sql("select size from demo_scenario where seed = ? order by loaded_at limit 1").param(seed)
                .query(String.class).optional().map(DemoSize::parse);
    }

    /**
     * Generates and stores the scenario, printing progress to {@code out} every few seconds.
     *
     * @return what was generated (entities and statements offered to the store)
     */
    public ScenarioGenerator.Summary load(long seed, DemoSize size, PrintStream out) {
        DemoSources.all().forEach(store::saveSource);
        ScenarioGenerator generator = new ScenarioGenerator(seed, size);
        Progress progress = new Progress(out, size);
        List<EntityRecord> batch = new ArrayList<>(BATCH);
        ScenarioGenerator.Summary summary = generator.generate(r -> {
            batch.add(r);
            if (batch.size() == BATCH) progress.saved(flush(batch));
        });
        progress.saved(flush(batch));
        progress.done();
        // The officers go to the personnel register, Europol's lead list to the leads: vetting material, not intelligence.
        register.saveOfficers(generator.register());
        register.saveLeads(generator.leads());
        jdbc.sql("""
                insert into demo_scenario (seed, size, entities, statements) values (?, ?, ?, ?)
                on conflict (seed, size) do update set entities = excluded.entities, statements = excluded.statements,
                    loaded_at = now()""")
                .params(seed, size.label(), summary.entities(), summary.statements()).update();
        return summary;
    }

    private int flush(List<EntityRecord> batch) {
        int n = batch.size();
        if (n > 0) store.save(List.copyOf(batch));
        batch.clear();
        return n;
    }

    /** Entities stored, rate and an estimate of the time left; nothing personal is printed. */
    private static final class Progress {
        private final PrintStream out;
        private final DemoSize size;
        private final long start = System.nanoTime();
        private long last = start;
        private long entities;

        Progress(PrintStream out, DemoSize size) {
            this.out = out;
            this.size = size;
        }

        void saved(int n) {
            entities += n;
            long now = System.nanoTime();
            if (now - last < PROGRESS_EVERY_NANOS) return;
            last = now;
            double seconds = (now - start) / 1e9;
            double rate = entities / seconds;
            long left = Math.max(0, size.expectedEntities() - entities);
            out.println(DemoMessages.get("demo.progress", fmt("%,d", entities), fmt("%,.0f", rate), fmt("%,.0f", left / Math.max(rate, 1))));
        }

        void done() {
            double seconds = (System.nanoTime() - start) / 1e9;
            out.println(DemoMessages.get("demo.loaded", fmt("%,d", entities), fmt("%,.1f", seconds), fmt("%,.0f", entities / Math.max(seconds, 1e-3))));
        }

        private static String fmt(String pattern, Object n) {
            return String.format(java.util.Locale.getDefault(), pattern, n);
        }
    }
}
