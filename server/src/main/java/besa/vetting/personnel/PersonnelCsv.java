package besa.vetting.personnel;

import besa.match.normalize.PartialDate;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an HR file into clean rows, or the reasons rows cannot be used: every problem of every row,
 * each with line, column, value and why. Checks that need the database (does the officer exist?) are
 * the importer's.
 */
final class PersonnelCsv {
    static final ZoneId TIRANE = ZoneId.of("Europe/Tirane");
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();

    /** One valid row: the officer it is about and what it says (an Officer, a Duty or a Declaration). */
    record Row(long line, String officerId, Object value) {}

    /** @param mentioned every officer id the file names, on valid rows or not */
    record Parsed(List<Row> rows, List<RowProblem> problems, int rowCount, java.util.Set<String> mentioned) {}

    private final PersonnelMapping mapping;
    private final Pattern separator;

    PersonnelCsv(PersonnelMapping mapping) {
        this.mapping = mapping;
        this.separator = Pattern.compile(Pattern.quote(mapping.separator()));
    }

    /** Parses the whole file; throws {@link MappingProblems} when its header does not fit the mapping. */
    Parsed parse(String text) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1); // spreadsheet exports often start with a BOM
        try (CSVParser parser = CSV.parse(new StringReader(text))) {
            List<String> header = parser.getHeaderNames();
            List<String> headerProblems = header.isEmpty() ? List.of("the file is empty: expected a header line") : mapping.checkHeader(header);
            if (!headerProblems.isEmpty()) throw new MappingProblems(headerProblems);
            List<Row> rows = new ArrayList<>();
            List<RowProblem> problems = new ArrayList<>();
            Map<String, Long> seen = new HashMap<>();
            java.util.Set<String> mentioned = new java.util.HashSet<>();
            long line = 1;
            int count = 0;
            for (CSVRecord rec : parser) {
                line++;
                count++;
                Cells cells = new Cells(line, f -> {
                    String col = mapping.columns().get(f);
                    return rec.isMapped(col) && rec.isSet(col) ? rec.get(col) : null;
                });
                String named = cells.optional("officerId");
                if (named != null) mentioned.add(named);
                Row row = switch (mapping.kind()) {
                    case REGISTER -> register(cells);
                    case DUTIES -> duty(cells);
                    case DECLARATIONS -> declaration(cells);
                };
                if (row != null && cells.problems.isEmpty()) {
                    String key = key(row);
                    Long first = seen.putIfAbsent(key, line);
                    if (first != null) cells.problem("officerId", row.officerId(), "the same " + what() + " is already on line " + first);
                }
                if (cells.problems.isEmpty()) rows.add(row);
                else problems.addAll(cells.problems);
            }
            return new Parsed(rows, problems, count, mentioned);
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new MappingProblems(List.of("the file is not readable CSV: " + rootMessage(e)));
        }
    }

    private String what() {
        return switch (mapping.kind()) {
            case REGISTER -> "officer";
            case DUTIES -> "duty";
            case DECLARATIONS -> "declaration (officer, date and question)";
        };
    }

    /** Rows that must not repeat in one file: an officer in the register, a declaration per date and question. */
    private String key(Row row) {
        return switch (row.value()) {
            case Officer o -> o.id();
            case Officer.Declaration d -> row.officerId() + "\u0000" + d.declaredOn() + "\u0000" + d.question();
            case Officer.Duty d -> row.officerId() + "\u0000" + d.startsAt() + "\u0000" + d.endsAt() + "\u0000" + d.place();
            default -> throw new IllegalStateException();
        };
    }

    private Row register(Cells c) {
        String id = c.required("officerId");
        String given = c.required("givenName");
        String surname = c.required("surname");
        String father = c.optional("fatherName");
        String birth = c.optional("birthDate");
        String birthIso = null;
        if (birth != null) {
            birthIso = PartialDate.parse(birth).map(PartialDate::iso).orElse(null);
            if (birthIso == null) c.problem("birthDate", birth, "not a date: use 1985-03-12, 1985-03, 1985 or 12.03.1985");
        }
        List<Officer.Identifier> ids = new ArrayList<>();
        identifiers(c, "phones", Officer.IdentifierKind.PHONE, Officer.Origin.HR, Identifiers::phone, ids);
        identifiers(c, "issuedImeis", Officer.IdentifierKind.IMEI, Officer.Origin.ISSUED, Identifiers::imei, ids);
        identifiers(c, "declaredImeis", Officer.IdentifierKind.IMEI, Officer.Origin.DECLARED, Identifiers::imei, ids);
        identifiers(c, "vehicles", Officer.IdentifierKind.VEHICLE, Officer.Origin.HR, Identifiers::plate, ids);
        identifiers(c, "addresses", Officer.IdentifierKind.ADDRESS, Officer.Origin.HR, Identifiers::address, ids);
        if (!c.problems.isEmpty()) return null;
        // One identifier per kind and value (an IMEI both issued and declared keeps the first origin), in the register's order.
        Map<String, Officer.Identifier> unique = new java.util.LinkedHashMap<>();
        for (Officer.Identifier i : ids) unique.putIfAbsent(i.kind() + "\u0000" + i.value(), i);
        List<Officer.Identifier> sorted = new ArrayList<>(unique.values());
        sorted.sort(java.util.Comparator.comparing((Officer.Identifier i) -> i.kind().name()).thenComparing(Officer.Identifier::value));
        return new Row(c.line, id, new Officer(id, given, father, surname, birthIso, c.optional("unit"), c.optional("rank"), true, sorted,
                List.of(), List.of()));
    }

    private void identifiers(Cells c, String field, Officer.IdentifierKind kind, Officer.Origin origin, Function<String, String> clean,
            List<Officer.Identifier> out) {
        String cell = c.optional(field);
        if (cell == null) return;
        for (String part : separator.split(cell)) {
            String raw = part.strip();
            if (raw.isEmpty()) continue;
            try {
                out.add(new Officer.Identifier(kind, clean.apply(raw), raw, origin));
            } catch (IllegalArgumentException e) {
                c.problem(field, raw, e.getMessage());
            }
        }
    }

    private Row duty(Cells c) {
        String id = c.required("officerId");
        Instant starts = c.instant("startsAt");
        Instant ends = c.instant("endsAt");
        String place = c.required("place");
        Double lat = c.number("latitude", -90, 90);
        Double lon = c.number("longitude", -180, 180);
        if ((lat == null) != (lon == null) && c.problems.isEmpty()) {
            String missing = lat == null ? "latitude" : "longitude";
            c.problem(missing, "", "give both latitude and longitude, or neither");
        }
        if (starts != null && ends != null && ends.isBefore(starts)) {
            c.problem("endsAt", c.raw("endsAt"), "the duty ends before it starts (" + c.raw("startsAt") + ")");
        }
        if (!c.problems.isEmpty()) return null;
        return new Row(c.line, id, new Officer.Duty(starts, ends, c.optional("unit"), place, lat, lon));
    }

    private Row declaration(Cells c) {
        String id = c.required("officerId");
        String on = c.required("declaredOn");
        LocalDate date = null;
        if (on != null) {
            PartialDate d = PartialDate.parse(on).orElse(null);
            if (d == null || d.day() == null) c.problem("declaredOn", on, "not a full date: use 2024-03-12 or 12.03.2024");
            else date = LocalDate.of(d.year(), d.month(), d.day());
        }
        String question = c.required("question");
        String answer = c.required("answer");
        Boolean crypto = null;
        String cryptoRaw = c.optional("cryptophoneUse");
        try {
            crypto = Identifiers.yesNo(cryptoRaw);
        } catch (IllegalArgumentException e) {
            c.problem("cryptophoneUse", cryptoRaw, e.getMessage());
        }
        if (!c.problems.isEmpty()) return null;
        return new Row(c.line, id, new Officer.Declaration(date, question, answer, crypto));
    }

    /** The cells of one row by field, collecting the row's problems. */
    private final class Cells {
        final long line;
        final Function<String, String> get;
        final List<RowProblem> problems = new ArrayList<>();

        Cells(long line, Function<String, String> get) {
            this.line = line;
            this.get = get;
        }

        String raw(String field) {
            String v = get.apply(field);
            return v == null ? "" : v;
        }

        String optional(String field) {
            String v = get.apply(field);
            return v == null || v.isBlank() ? null : v.strip();
        }

        String required(String field) {
            String v = optional(field);
            if (v == null) problem(field, raw(field), "required, but empty");
            return v;
        }

        void problem(String field, String value, String why) {
            problems.add(new RowProblem(line, mapping.columns().get(field), value, why));
        }

        /** ISO date-time with offset or zone, or local time in Tirana (a space instead of T is fine). */
        Instant instant(String field) {
            String v = required(field);
            if (v == null) return null;
            String s = v.replace(' ', 'T');
            try {
                return OffsetDateTime.parse(s).toInstant().truncatedTo(ChronoUnit.MICROS);
            } catch (DateTimeException e) {
                try {
                    return LocalDateTime.parse(s).atZone(TIRANE).toInstant().truncatedTo(ChronoUnit.MICROS);
                } catch (DateTimeException e2) {
                    problem(field, v, "not a date-time: use 2024-03-12T08:00 (Tirana time) or 2024-03-12T07:00Z");
                    return null;
                }
            }
        }

        Double number(String field, double min, double max) {
            String v = optional(field);
            if (v == null) return null;
            try {
                double d = Double.parseDouble(v.replace(',', '.'));
                if (d >= min && d <= max) return d;
                problem(field, v, "out of range: between " + (int) min + " and " + (int) max);
            } catch (NumberFormatException e) {
                problem(field, v, "not a number");
            }
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) e = e.getCause();
        return e.getMessage();
    }
}
