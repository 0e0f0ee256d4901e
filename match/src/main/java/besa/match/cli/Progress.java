package besa.match.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/** Progress lines on stderr, stamped with the seconds since the command started. */
final class Progress {
    private Progress() {}

    static Consumer<String> to(PrintWriter err, boolean quiet, long t0) {
        if (quiet) return s -> { };
        return s -> {
            synchronized (err) {
                err.printf(Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - t0) / 1e9, s);
                err.flush();
            }
        };
    }
}
