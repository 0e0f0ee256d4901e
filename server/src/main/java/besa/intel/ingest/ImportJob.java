package besa.intel.ingest;

import java.nio.file.Path;
import java.time.Instant;

/** One import running in the background, as the REST API and the import page show it. */
public final class ImportJob {
    public enum State { QUEUED, RUNNING, COMPLETED, ROLLED_BACK, FAILED }

    private final String id;
    private final String file;
    private final String owner;
    private final Instant created = Instant.now();
    private final Path rejects;
    private volatile State state = State.QUEUED;
    private volatile ImportProgress progress = ImportProgress.QUEUED;
    private volatile ImportResult result;
    private volatile String failure;
    private final java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);

    ImportJob(String id, String file, String owner, Path rejects) {
        this.id = id;
        this.file = file;
        this.owner = owner;
        this.rejects = rejects;
    }

    public String id() { return id; }
    public String file() { return file; }
    public String owner() { return owner; }
    public Instant created() { return created; }
    public State state() { return state; }
    public ImportProgress progress() { return progress; }
    /** The outcome once finished (COMPLETED or ROLLED_BACK), else null. */
    public ImportResult result() { return result; }
    /** Why the import failed outright (FAILED), else null. */
    public String failure() { return failure; }
    /** The refused rows with reasons, when the import skipped invalid rows and some were refused. */
    public Path rejects() { return result != null && result.rowsRejected() > 0 && rejects != null ? rejects : null; }

    public boolean finished() {
        return state != State.QUEUED && state != State.RUNNING;
    }

    /** Waits until the job has finished or the time is up; true if it finished. */
    public boolean await(java.time.Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void running() { state = State.RUNNING; }
    void progress(ImportProgress p) { progress = p; }

    void done(ImportResult r) {
        result = r;
        progress = new ImportProgress(r.status() == ImportResult.Status.COMPLETED ? "done" : "rolled back", r.rows(), r.seconds(),
                r.rowsPerSecond(), null);
        state = r.status() == ImportResult.Status.COMPLETED ? State.COMPLETED : State.ROLLED_BACK;
        finished.countDown();
    }

    void failed(String why) {
        failure = why;
        state = State.FAILED;
        finished.countDown();
    }
}
