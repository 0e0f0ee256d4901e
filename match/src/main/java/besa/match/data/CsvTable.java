package besa.match.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.io.InputStreamReader;

/**
 * A UTF-8 CSV file with a header (RFC 4180 quoting), every value trimmed. Errors name the file
 * and the line: a row with the wrong number of fields, an unterminated quote, invalid UTF-8.
 */
public final class CsvTable {
    private final String name;
    private final List<String> header;
    private final List<String[]> rows;

    public CsvTable(String name, List<String> header, List<String[]> rows) {
        this.name = name;
        this.header = List.copyOf(header);
        this.rows = rows;
    }

    public String name() {
        return name;
    }

    public List<String> header() {
        return header;
    }

    public List<String[]> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    /** Index of a column, or an {@link InputException} naming the columns there are. */
    public int column(String col) {
        int i = header.indexOf(col);
        if (i < 0) throw new InputException("column '" + col + "' not found in " + name + "; its columns are: " + String.join(", ", header));
        return i;
    }

    public static CsvTable read(Path file) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16)) {
            return parse(file.toString(), r);
        } catch (NoSuchFileException e) {
            throw new InputException("cannot read " + file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new InputException("cannot read " + file + ": not valid UTF-8");
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses CSV text; name is used in error messages. */
    public static CsvTable parse(String name, Reader in) throws IOException {
        Parser p = new Parser(name, in);
        String[] head = p.next();
        if (head == null) throw new InputException(name + " is empty: a header line is needed");
        if (!head[0].isEmpty() && head[0].charAt(0) == '\uFEFF') head[0] = head[0].substring(1).strip();
        List<String[]> rows = new ArrayList<>();
        for (String[] row; (row = p.next()) != null; ) {
            if (row.length == 1 && row[0].isEmpty()) continue; // blank line
            if (row.length != head.length) {
                throw new InputException(name + " line " + p.rowLine + ": expected " + head.length + " fields as in the header, found " + row.length);
            }
            rows.add(row);
        }
        return new CsvTable(name, List.of(head), rows);
    }

    private static final class Parser {
        final String name;
        final Reader in;
        int line = 1, rowLine;
        int peeked = -2;
        final StringBuilder cell = new StringBuilder();
        final List<String> fields = new ArrayList<>();

        Parser(String name, Reader in) {
            this.name = name;
            this.in = in;
        }

        int read() throws IOException {
            if (peeked != -2) {
                int c = peeked;
                peeked = -2;
                return c;
            }
            return in.read();
        }

        String[] next() throws IOException {
            int c = read();
            if (c < 0) return null;
            rowLine = line;
            fields.clear();
            cell.setLength(0);
            boolean quoted = false, wasQuoted = false;
            while (true) {
                if (quoted) {
                    if (c < 0) throw new InputException(name + " line " + rowLine + ": unterminated quoted field");
                    if (c == '"') {
                        int d = read();
                        if (d == '"') cell.append('"');
                        else {
                            quoted = false;
                            c = d;
                            continue;
                        }
                    } else {
                        if (c == '\n') line++;
                        cell.append((char) c);
                    }
                } else if (c == '"' && cell.toString().isBlank()) {
                    quoted = true;
                    wasQuoted = true;
                    cell.setLength(0);
                } else if (c == ',' ) {
                    fields.add(cell.toString().strip());
                    cell.setLength(0);
                    wasQuoted = false;
                } else if (c == '\n' || c == '\r' || c < 0) {
                    if (c == '\r') {
                        int d = read();
                        if (d != '\n') peeked = d;
                    }
                    if (c >= 0) line++;
                    fields.add(cell.toString().strip());
                    return fields.toArray(String[]::new);
                } else if (wasQuoted && !Character.isWhitespace(c)) {
                    throw new InputException(name + " line " + rowLine + ": text after a closing quote");
                } else if (!wasQuoted) {
                    cell.append((char) c);
                }
                c = read();
            }
        }
    }
}
