package besa.intel.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Counts rows, bytes and errors of one import and reports progress about once a second. */
final class Meter {
    static final int MAX_ERRORS = 10_000;

    private final long totalBytes;
    private final Consumer<ImportProgress> listener;
    private final long start = System.nanoTime();
    private long lastReport = start;
    private volatile long bytes;
    long rows, imported, rejected, errorCount;
    final List<RowError> errors = new ArrayList<>();

    Meter(long totalBytes, Consumer<ImportProgress> listener) {
        this.totalBytes = totalBytes;
        this.listener = listener;
    }

    /** The input, counted as it is read, for the ETA. */
    InputStream count(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) bytes++;
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) bytes += n;
                return n;
            }
        };
    }

    void error(RowError e) {
        errorCount++;
        if (errors.size() < MAX_ERRORS) errors.add(e);
    }

    void row() {
        rows++;
        if ((rows & 1023) == 0 && listener != null) {
            long now = System.nanoTime();
            if (now - lastReport > 1_000_000_000L) {
                lastReport = now;
                listener.accept(progress("reading"));
            }
        }
    }

    void phase(String phase) {
        if (listener != null) listener.accept(progress(phase));
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    ImportProgress progress(String phase) {
        double s = seconds();
        double rate = s > 0 ? rows / s : 0;
        Double eta = null;
        if (phase.equals("reading") && totalBytes > 0 && bytes > 0) eta = (totalBytes - bytes) * s / bytes;
        return new ImportProgress(phase, rows, s, rate, eta);
    }
}
