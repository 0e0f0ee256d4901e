package besa.platform;

/**
 * Cells of every CSV file Besa writes for people to open (audit export, an import's refused rows).
 * A spreadsheet runs a cell that begins with {@code = + - @}, a tab or a carriage return as a formula
 * (CSV injection: {@code =HYPERLINK(...)}, {@code @SUM(...)}, DDE), and these cells hold text that came
 * from outside (names, search text, imported rows). Such a cell is written with a single quote in front
 * ({@code '=1+1}), which spreadsheets take as "this is text". Only the first character matters; the rest
 * of the value is kept as it was.
 */
public final class CsvCells {
    private CsvCells() {}

    /** The value, with a single quote in front when its first character would start a formula; null as "". */
    public static String neutral(String s) {
        if (s == null || s.isEmpty()) return "";
        char c = s.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
    }

    /** One cell ready to write: neutralised, then quoted as RFC 4180 wants when it holds , " CR or LF. */
    public static String cell(String s) {
        String v = neutral(s);
        if (v.isEmpty() || v.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) return v;
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
