package besa.intel.ingest;

import java.util.List;

/**
 * The outcome of one import. {@code ROLLED_BACK} means nothing from the file was stored; the errors
 * say which rows were refused and why (the first {@value Meter#MAX_ERRORS} of {@code errorCount}).
 */
public record ImportResult(String file, Status status, long rows, long rowsImported, long rowsRejected,
        List<RowError> errors, long errorCount, long entitiesAdded, long statementsAdded, long statementsRetired,
        long statementsRestored, double seconds) {
    public enum Status { COMPLETED, ROLLED_BACK }

    public double rowsPerSecond() {
        return seconds > 0 ? rows / seconds : 0;
    }
}
