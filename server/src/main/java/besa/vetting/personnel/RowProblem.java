package besa.vetting.personnel;

/**
 * One reason a row of an imported file was refused.
 *
 * @param line   the line as a spreadsheet numbers it (the header is line 1)
 * @param column the column as written in the file's header (empty when the row as a whole is wrong)
 * @param value  the cell's text as given
 * @param reason why, in plain words
 */
public record RowProblem(long line, String column, String value, String reason) {}
