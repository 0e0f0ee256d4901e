package besa.cli;

import besa.BesaApplication;
import besa.intel.search.SearchBenchData;
import besa.intel.search.SearchQuery;
import besa.intel.search.SearchService;
import besa.intel.store.IntelStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Search latency on a large dataset: makes sure the database holds at least {@code --entities}
 * entities (generating the missing ones deterministically), then runs a fixed mixed query set
 * (names in several scripts and spellings, phones, IMEIs, plates) and prints latency percentiles
 * and throughput. It measures the search service against PostgreSQL, without HTTP.
 */
@Command(name = "search", description = "Search latency (p50/p95/p99) and throughput on >= 1,000,000 entities.")
public class SearchBenchCommand implements Runnable {
    @Option(names = "--entities", description = "Entities the database must hold (default 1000000).", defaultValue = "1000000")
    long entities;

    @Option(names = "--queries", description = "Timed queries per run (default 2000).", defaultValue = "2000")
    int queries;

    @Option(names = "--threads", description = "Concurrent clients for the throughput run (default 2).", defaultValue = "2")
    int threads;

    @Option(names = "--query", description = "Time only these queries (repeatable) and show their first hits, instead of the mixed set.")
    List<String> only;

    @Option(names = "--data-dir", description = "Folder of the embedded database (default ./data).")
    String dataDir;

    @Override
    public void run() {
        // The web security configuration needs a servlet context; an ephemeral port keeps it out of the way.
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--besa.demo.enabled=false", "--logging.level.root=warn"));
        if (dataDir != null) args.add("--besa.data-dir=" + dataDir);
        SpringApplication app = new SpringApplication(BesaApplication.class);
        try (ConfigurableApplicationContext ctx = app.run(args.toArray(String[]::new))) {
            // The owner's connection: the benchmark vacuums and analyses the tables it filled, an owner's right.
            JdbcClient jdbc = JdbcClient.create(ctx.getBean(besa.platform.db.DatabaseConfig.OWNER, javax.sql.DataSource.class));
            SearchBenchData data = new SearchBenchData(ctx.getBean(IntelStore.class), jdbc);
            long held = data.ensure(entities, (done, total, rate) -> System.out.printf(Locale.ROOT,
                    "\rgenerating: %,d / %,d entities (%,.0f/s)   ", done, total, rate));
            System.out.printf(Locale.ROOT, "%ndatabase holds %,d entities%n", held);
            SearchService search = ctx.getBean(SearchService.class);
            if (only != null && !only.isEmpty()) {
                for (String q : only) timeOne(search, q);
                return;
            }
            List<String> set = data.querySet(queries);
            for (String q : set.subList(0, Math.min(200, set.size()))) search.search(SearchQuery.of(q)); // warm-up

            long[] nanos = new long[set.size()];
            long hits = 0, start = System.nanoTime();
            for (int i = 0; i < set.size(); i++) {
                long t = System.nanoTime();
                hits += search.search(SearchQuery.of(set.get(i))).hits().isEmpty() ? 0 : 1;
                nanos[i] = System.nanoTime() - t;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "queries: %,d (mixed: names in Latin, Cyrillic, Greek, Italian and Turkish renderings and with typos, phones, IMEIs, plates), %d%% with hits%n",
                    set.size(), 100 * hits / set.size());
            System.out.printf(Locale.ROOT, "latency, 1 client: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %.0f queries/s%n",
                    pct(nanos, 50), pct(nanos, 95), pct(nanos, 99), nanos[nanos.length - 1] / 1e6, set.size() / seconds);
            System.out.printf(Locale.ROOT, "throughput, %d clients: %.0f queries/s%n", threads, throughput(search, set));
        }
    }

    /** Median of 21 runs of one query, with its total and first hits (ids and reasons, no names printed). */
    private static void timeOne(SearchService search, String q) {
        long[] nanos = new long[21];
        besa.intel.search.SearchResults r = null;
        for (int i = 0; i < nanos.length; i++) {
            long t = System.nanoTime();
            r = search.search(SearchQuery.of(q));
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "query #%d: median %.1f ms, %,d hits%n", q.hashCode() & 0xffff, nanos[10] / 1e6, r.total());
        r.hits().stream().limit(3).forEach(h -> System.out.printf(Locale.ROOT, "  %s %s %.3f %s%n", h.entityId(), h.type(), h.score(),
                h.reasons().stream().map(besa.intel.search.Reason::code).toList()));
    }

    private double throughput(SearchService search, List<String> set) {
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                done.add(pool.submit(() -> {
                    for (int i = offset; i < set.size(); i += threads) search.search(SearchQuery.of(set.get(i)));
                }));
            }
            for (Future<?> f : done) f.get();
        } catch (Exception e) {
            throw new IllegalStateException("throughput run failed", e);
        }
        return set.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }
}
