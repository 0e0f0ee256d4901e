package besa.cli;

import besa.audit.AuditLog;
import besa.audit.AuditSearch;
import besa.audit.AuditStore;
import besa.ledger.AuditReport;
import besa.ledger.Checkpoint;
import besa.ledger.LedgerAuditor;
import besa.ledger.MerkleLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code besa bench audit}: appends/s of the real audit writer (group commit) under concurrent
 * callers into a scratch table shaped and protected like {@code audit_entry} in the configured
 * database, then the time to verify every entry against a checkpoint and to build inclusion proofs.
 * Then auditor searches of several kinds over the scratch trail ({@link AuditSearchBench}).
 * The scratch table is dropped afterwards, so the real audit trail is untouched.
 */
@Command(name = "audit", description = "Audit trail: appends/s under concurrency, verification time, inclusion-proof time.")
public class AuditBenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--entries", defaultValue = "1000000", description = "Entries to append and verify (default 1,000,000).")
    long entries;

    @Option(names = "--threads", defaultValue = "64", description = "Concurrent callers of AuditLog.record (default 64).")
    int threads;

    @Option(names = "--proofs", defaultValue = "10000", description = "Inclusion proofs to time (default 10,000).")
    int proofs;

    @Option(names = "--searches", defaultValue = "50", description = "Auditor searches to time per kind of filter (default 50; 0 skips).")
    int searches;

    @Option(names = "--keep", description = "Keep the scratch table afterwards (to run more searches on it with psql).")
    boolean keep;

    @Option(names = "--data-dir", description = "Besa's data folder (default ./data).")
    String dataDir;

    @Override
    public Integer call() throws Exception {
        var out = spec.commandLine().getOut();
        try (var ctx = AuditCommand.start(dataDir)) {
            // The scratch table is DDL: the schema owner's connection, not the application's.
            DataSource ds = ctx.getBean(besa.platform.db.DatabaseConfig.OWNER, DataSource.class);
            AuditStore store = AuditStore.createScratch(ds, "audit_bench_" + ProcessHandle.current().pid());
            try (AuditLog log = new AuditLog(store, Clock.systemUTC())) {
                java.time.Instant appendStart = java.time.Instant.now();
                double appendSeconds = append(log);
                java.time.Instant appendEnd = java.time.Instant.now();
                out.printf(Locale.ROOT, "append: %,d events, %d threads, %.1f s, %,.0f appends/s%n",
                        entries, threads, appendSeconds, entries / appendSeconds);

                MerkleLog merkle = log.merkleLog();
                Checkpoint checkpoint = new Checkpoint("bench", merkle.size(), merkle.root());
                long t0 = System.nanoTime();
                LedgerAuditor auditor = new LedgerAuditor(List.of(checkpoint));
                store.entries(0, auditor::accept);
                AuditReport report = auditor.finish();
                double verifySeconds = (System.nanoTime() - t0) / 1e9;
                out.printf(Locale.ROOT, "verify: %,d entries read from PostgreSQL, re-hashed and checked against the root in %.1f s (%,.0f entries/s): %s%n",
                        report.entriesRead(), verifySeconds, report.entriesRead() / verifySeconds, report.ok() ? "intact" : "FAILED");

                t0 = System.nanoTime();
                MerkleLog reopened = MerkleLog.open(store);
                out.printf(Locale.ROOT, "open: Merkle log rebuilt from %,d stored leaf hashes in %.1f s%n", reopened.size(), (System.nanoTime() - t0) / 1e9);

                SplittableRandom random = new SplittableRandom(7);
                long size = merkle.size();
                t0 = System.nanoTime();
                for (int i = 0; i < proofs; i++) {
                    long index = random.nextLong(size);
                    merkle.inclusionProof(index, size).verify(merkle.leafHash(index), checkpoint.rootHash());
                }
                double proofMicros = (System.nanoTime() - t0) / 1e3 / proofs;
                out.printf(Locale.ROOT, "inclusion proof: %,d random entries, build + verify %.0f µs each (leaf hashes read from PostgreSQL)%n",
                        proofs, proofMicros);
                if (searches > 0) {
                    t0 = System.nanoTime();
                    long rows = store.catchUpSearch();
                    out.printf(Locale.ROOT, "search rows: %,d entries decoded and indexed for search (behind the writer) in %.1f s%n",
                            rows, (System.nanoTime() - t0) / 1e9);
                    try (var c = ds.getConnection(); var s = c.createStatement()) {
                        s.execute("analyze " + store.searchTable()); // as autovacuum would, before searches
                    }
                    AuditSearchBench.run(new AuditSearch(store), appendStart, appendEnd, searches, out);
                }
                return report.ok() ? 0 : 1;
            } finally {
                if (keep) out.println("kept " + store.table() + " and " + store.searchTable());
                else store.drop();
            }
        }
    }

    private double append(AuditLog log) throws Exception {
        AtomicLong next = new AtomicLong();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    long i;
                    while ((i = next.getAndIncrement()) < entries) {
                        log.record(AuditSearchBench.event(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
