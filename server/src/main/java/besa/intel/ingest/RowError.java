package besa.intel.ingest;

/** Why one row (or line) was refused: the file, the row as a spreadsheet numbers it, the column and the reason. */
public record RowError(String file, long row, String column, String reason) {
    @Override
    public String toString() {
        return file + ", row " + row + (column == null ? "" : ", column " + column) + ": " + reason;
    }
}
