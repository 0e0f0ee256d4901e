package besa.match.privacy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs numbered tasks on a fixed number of threads of its own (not the common fork/join pool, so a
 * caller can ask for exactly one thread or for all cores and measure either). Tasks write their
 * results into slots by task number, so the outcome does not depend on which thread ran what.
 */
final class Workers {
    private Workers() {}

    interface Task {
        /** @param worker 0 .. threads - 1, for per-thread scratch space */
        void run(int worker, int task);
    }

    static void run(int tasks, int threads, Task body) {
        int n = Math.min(threads, tasks);
        if (n <= 1) {
            for (int t = 0; t < tasks; t++) body.run(0, t);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] workers = new Thread[n];
        for (int w = 0; w < n; w++) {
            int worker = w;
            workers[w] = Thread.ofPlatform().daemon().name("clk-worker-" + w).unstarted(() -> {
                try {
                    for (int t; failure.get() == null && (t = next.getAndIncrement()) < tasks; ) body.run(worker, t);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            workers[w].start();
        }
        try {
            for (Thread t : workers) t.join();
        } catch (InterruptedException e) {
            for (Thread t : workers) t.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while linking", e);
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) throw re;
        if (e instanceof Error err) throw err;
        if (e != null) throw new IllegalStateException(e);
    }
}
