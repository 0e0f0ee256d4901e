package besa.audit;

import besa.ledger.MerkleLog;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: {@link #record} appends an event durably to the Merkle log over the audit
 * table, or throws {@link AuditUnavailableException} (fail closed).
 *
 * <p>One writer thread owns the log, so entry indices are assigned in order without a database
 * lock; concurrent callers queue their events and the writer commits whatever has queued up in
 * one transaction (group commit), then releases every caller of that batch. The server opens the
 * log (all leaf hashes read once) at start-up and checks it against the witnesses
 * ({@link AuditStartupCheck}); offline commands open it on their first event, so commands that
 * only read the table skip it.
 */
public class AuditLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_BATCH = 2_000;
    private static final long WAIT_SECONDS = 10;

    private final AuditStore store;
    private final Clock clock;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(200_000);
    private volatile MerkleLog merkle;
    private Thread writer;
    private volatile boolean closed;

    private record Pending(AuditEvent event, Instant at, CompletableFuture<Long> done) {}

    public AuditLog(AuditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Appends {@code event} with the current UTC time (ms); returns once it is durable. */
    public RecordedEvent record(AuditEvent event) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Pending p = new Pending(event, at, new CompletableFuture<>());
        startWriter();
        if (closed || !queue.offer(p)) {
            throw new AuditUnavailableException("the audit trail is not accepting events (shut down or overloaded)", null);
        }
        try {
            return new RecordedEvent(p.done.get(WAIT_SECONDS, TimeUnit.SECONDS), at, event);
        } catch (ExecutionException e) {
            throw new AuditUnavailableException("the audit event could not be written: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new AuditUnavailableException("the audit event was not written within " + WAIT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("interrupted while writing the audit event", e);
        }
    }

    /** The Merkle log over the table, opened on first use (reads every leaf hash once). */
    public MerkleLog merkleLog() {
        MerkleLog m = merkle;
        if (m == null) {
            synchronized (this) {
                if (merkle == null) merkle = MerkleLog.open(store);
                m = merkle;
            }
        }
        return m;
    }

    public AuditStore store() {
        return store;
    }

    private synchronized void startWriter() {
        if (writer != null || closed) return;
        writer = Thread.ofPlatform().name("besa-audit-writer").daemon().start(this::writeLoop);
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            write(batch);
            batch.clear();
        }
        Pending p;
        while ((p = queue.poll()) != null) p.done.completeExceptionally(new IllegalStateException("the audit trail shut down"));
    }

    private void write(List<Pending> batch) {
        try {
            MerkleLog m = merkleLog();
            long first;
            try {
                first = append(m, batch);
            } catch (RuntimeException e) {
                // Another writer (a second node or context on the same table) took these indices:
                // the log has now read its rows, so try once more after them.
                if (!indicesTaken(e)) throw e;
                first = append(m, batch);
            }
            for (int i = 0; i < batch.size(); i++) batch.get(i).done.complete(first + i);
        } catch (RuntimeException e) {
            log.error("Audit trail write failed; {} request(s) refused: {}", batch.size(), e.getMessage());
            for (Pending p : batch) p.done.completeExceptionally(e);
        }
    }

    private long append(MerkleLog m, List<Pending> batch) {
        long base = m.size(); // only this thread appends through this log, so the next indices are known
        List<byte[]> data = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            data.add(AuditCodec.encode(base + i, batch.get(i).at, batch.get(i).event));
        }
        long first = m.appendAll(data);
        if (first != base) throw new IllegalStateException("audit log appended at " + first + ", expected " + base);
        return first;
    }

    private static boolean indicesTaken(RuntimeException e) {
        return e.getCause() instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState());
    }

    @Override
    public void close() {
        Thread w;
        synchronized (this) {
            closed = true;
            w = writer;
        }
        if (w != null) w.interrupt();
    }
}
