package besa.intel.ingest;

/**
 * Where an import stands: the phase ("reading", then "writing"), rows read so far, the rate and, while
 * reading, the estimated seconds left (from the bytes still to read).
 */
public record ImportProgress(String phase, long rows, double seconds, double rowsPerSecond, Double etaSeconds) {
    public static final ImportProgress QUEUED = new ImportProgress("queued", 0, 0, 0, null);

    /** One line for a terminal, e.g. "reading: 120,000 rows, 61,234 rows/s, ETA 14 s". */
    public String line() {
        return String.format("%s: %,d rows, %,.0f rows/s%s", phase, rows, rowsPerSecond,
                etaSeconds == null ? "" : String.format(", ETA %.0f s", etaSeconds));
    }
}
