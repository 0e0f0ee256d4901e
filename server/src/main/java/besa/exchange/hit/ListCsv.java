package besa.exchange.hit;

import besa.match.normalize.PartialDate;
import besa.match.privacy.ClkRecord;
import besa.match.privacy.Identifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Lists for cross-matching, uploaded as CSV (comma or semicolon, fields in double quotes where
 * needed; blank lines and lines starting with {@code #} skipped; a first line naming the columns is
 * skipped). Every line is checked and every bad line reported with its number and why, before
 * anything is stored:
 * <ul>
 * <li>identifiers (PSI): {@code phone,<number>} (to E.164, Albanian by default),
 * {@code imei,<15 or 14 digits>}, {@code document,<country ISO alpha-2>,<number>};</li>
 * <li>persons (CLK): {@code <given name>,<father's name>,<surname>,<birth date>} (father's name may be
 * empty; the date in any usual form: 1985-03-12, 12.03.1985, 12/03/1985).</li>
 * </ul>
 */
final class ListCsv {
    /** The most lines reported, so a wrong file gives a readable answer. */
    static final int MAX_ERRORS = 50;

    record LineError(int line, String message) {}

    /** A file with bad lines: nothing of it is used. */
    static final class Invalid extends IllegalArgumentException {
        final List<LineError> errors;

        Invalid(List<LineError> errors) {
            super(errors.size() + " bad line(s): " + String.join("; ", errors.stream().limit(5).map(e -> "line " + e.line() + ": " + e.message()).toList()));
            this.errors = errors;
        }
    }

    private ListCsv() {}

    static List<Identifier> identifiers(String text) {
        List<Identifier> out = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        each(text, "kind", (n, f) -> {
            String kind = f.get(0).toLowerCase(Locale.ROOT);
            Optional<Identifier> id = switch (kind) {
                case "phone" -> f.size() != 2 ? null : Identifier.phone(f.get(1));
                case "imei" -> f.size() != 2 ? null : Identifier.imei(f.get(1));
                case "document" -> f.size() != 3 || !f.get(1).matches("[A-Za-z]{2}") ? null : Identifier.document(f.get(1), f.get(2));
                default -> null;
            };
            if (id == null) {
                errors.add(new LineError(n, switch (kind) {
                    case "phone", "imei" -> "expected " + kind + ",<value>";
                    case "document" -> "expected document,<issuing country, 2 letters>,<number>";
                    default -> "'" + f.get(0) + "' is not phone, imei or document";
                }));
            } else if (id.isEmpty()) {
                errors.add(new LineError(n, "'" + f.get(f.size() - 1) + "' is not a valid " + kind + (kind.equals("phone") ? " number" : "")));
            } else {
                out.add(id.get());
            }
        }, errors);
        return done(out, errors);
    }

    static List<ClkRecord> persons(String text) {
        List<ClkRecord> out = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        each(text, "given", (n, f) -> {
            if (f.size() != 4) {
                errors.add(new LineError(n, "expected 4 fields (given name, father's name, surname, birth date), found " + f.size()));
            } else if (f.get(0).isBlank() || f.get(2).isBlank()) {
                errors.add(new LineError(n, "given name and surname are required"));
            } else if (PartialDate.parse(f.get(3)).isEmpty()) {
                errors.add(new LineError(n, "'" + f.get(3) + "' is not a birth date"));
            } else {
                out.add(new ClkRecord(f.get(0), f.get(1), f.get(2), f.get(3)));
            }
        }, errors);
        return done(out, errors);
    }

    private interface LineHandler {
        void line(int number, List<String> fields);
    }

    private static void each(String text, String headerWord, LineHandler handler, List<LineError> errors) {
        String[] lines = (text == null ? "" : text).replace("\uFEFF", "").split("\r?\n|\r", -1);
        boolean first = true;
        for (int i = 0; i < lines.length && errors.size() < MAX_ERRORS; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            List<String> fields;
            try {
                fields = split(line);
            } catch (IllegalArgumentException e) {
                errors.add(new LineError(i + 1, e.getMessage()));
                continue;
            }
            boolean header = first && fields.get(0).toLowerCase(Locale.ROOT).startsWith(headerWord);
            first = false;
            if (!header) handler.line(i + 1, fields);
        }
    }

    private static <T> List<T> done(List<T> out, List<LineError> errors) {
        if (!errors.isEmpty()) throw new Invalid(errors);
        if (out.isEmpty()) throw new Invalid(List.of(new LineError(0, "the file holds no lines")));
        return out;
    }

    /** One CSV line: fields split at commas or semicolons outside double quotes, "" inside quotes is a quote. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',' || c == ';') {
                fields.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) throw new IllegalArgumentException("a quote is not closed");
        fields.add(cur.toString().strip());
        return fields;
    }
}
