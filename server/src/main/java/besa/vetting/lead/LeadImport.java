package besa.vetting.lead;

import besa.audit.AuditAction;
import besa.audit.AuditOutcome;
import besa.vetting.VettingAccess;
import besa.vetting.personnel.Identifiers;
import besa.vetting.personnel.MappingProblems;
import besa.vetting.personnel.RowProblem;
import besa.vetting.personnel.VettingAudit;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports partners' integrity leads from CSV with fixed headers ({@link #COLUMNS}, snake case) or a
 * JSON array of objects with the same fields in camel case. One file, one transaction: invalid rows
 * refuse the file unless skipped; a lead already stored (same originator, reference, kind, value) is
 * not added again. A lead above the importer's clearance is refused: he could not read it back.
 * After the commit {@link LeadsChanged} names the new leads.
 */
@Service
public class LeadImport {
    /** The CSV header; reference, originator, legal_basis, handling, kind, value and attribution are required. */
    public static final List<String> COLUMNS = List.of("reference", "originator", "legal_basis", "handling", "platform", "kind", "value",
            "attribution", "entity_id");
    private static final Set<String> REQUIRED = Set.of("reference", "originator", "legal_basis", "handling", "kind", "value", "attribution");
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).get();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public enum Format { CSV, JSON }

    private final VettingAccess access;
    private final LeadStore store;
    private final ApplicationEventPublisher events;
    private final VettingAudit audit;

    LeadImport(VettingAccess access, LeadStore store, ApplicationEventPublisher events, VettingAudit audit) {
        this.access = access;
        this.store = store;
        this.events = events;
        this.audit = audit;
    }

    /** @throws MappingProblems when the file cannot be read at all (header, syntax) */
    public LeadImportResult importFile(Format format, String text, boolean skipInvalid) {
        access.read(scope -> true); // 403 before the file is read
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
        List<Row> rows = format == Format.JSON ? json(text) : csv(text);
        List<RowProblem> problems = new ArrayList<>();
        List<Lead> leads = new ArrayList<>();
        for (Row r : rows) {
            Lead l = lead(r, problems);
            if (l != null) leads.add(l);
        }
        LeadImportResult r = access.write(scope -> {
            List<RowProblem> all = new ArrayList<>(problems);
            List<Lead> readable = new ArrayList<>();
            for (Lead l : leads) {
                if (l.handling() > scope.clearance()) {
                    all.add(new RowProblem(l.id(), "handling", l.handlingCode(), "above your clearance (H" + scope.clearance() + "): you could not read it"));
                } else {
                    readable.add(l);
                }
            }
            all.sort(java.util.Comparator.comparingLong(RowProblem::line));
            int refused = (int) all.stream().mapToLong(RowProblem::line).distinct().count();
            if (!all.isEmpty() && !skipInvalid) return new LeadImportResult(false, rows.size(), 0, 0, refused, all, List.of());
            List<Long> ids = new ArrayList<>();
            for (Lead l : readable) store.insert(l, scope.username()).ifPresent(ids::add);
            return new LeadImportResult(true, rows.size(), ids.size(), readable.size() - ids.size(), refused, all, ids);
        });
        audit.record(AuditAction.COLLECTION, "vetting leads import " + format.name().toLowerCase(Locale.ROOT) + ": " + r.summary(),
                r.committed() ? AuditOutcome.SUCCESS : AuditOutcome.FAILED);
        if (r.committed() && !r.newIds().isEmpty()) events.publishEvent(new LeadsChanged(Set.copyOf(r.newIds())));
        return r;
    }

    /** A row as read: its line (CSV) or position (JSON, from 1), and a cell by column name. */
    private record Row(long line, Function<String, String> cell) {}

    private static List<Row> csv(String text) {
        try (CSVParser parser = CSV.parse(new StringReader(text))) {
            List<String> header = parser.getHeaderNames();
            List<String> problems = new ArrayList<>();
            for (String c : COLUMNS) if (REQUIRED.contains(c) && !header.contains(c)) problems.add("column '" + c + "' is not in the file's header " + header);
            for (String h : header) if (!COLUMNS.contains(h)) problems.add("unknown column '" + h + "': the columns are " + COLUMNS);
            if (!problems.isEmpty()) throw new MappingProblems(problems);
            List<Row> rows = new ArrayList<>();
            long line = 1;
            for (CSVRecord rec : parser) {
                line++;
                rows.add(new Row(line, c -> rec.isMapped(c) && rec.isSet(c) ? rec.get(c) : null));
            }
            return rows;
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            throw new MappingProblems(List.of("the file is not readable CSV: " + e.getMessage()));
        }
    }

    private static List<Row> json(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new MappingProblems(List.of("not valid JSON: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isArray()) throw new MappingProblems(List.of("expected a JSON array of lead objects"));
        List<Row> rows = new ArrayList<>();
        long n = 0;
        for (JsonNode item : root) {
            n++;
            Map<String, String> cells = new LinkedHashMap<>();
            if (item.isObject()) {
                for (String c : COLUMNS) {
                    JsonNode v = item.get(camel(c));
                    if (v != null && !v.isNull()) cells.put(c, v.isValueNode() ? v.asString() : v.toString());
                }
            }
            rows.add(new Row(n, cells::get));
        }
        return rows;
    }

    static String camel(String snake) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : snake.toCharArray()) {
            if (ch == '_') up = true;
            else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }

    /** The clean lead of a row (its id field holds the line until it is stored), or null with the row's problems added. */
    private static Lead lead(Row r, List<RowProblem> problems) {
        int before = problems.size();
        Function<String, String> required = c -> {
            String v = r.cell().apply(c);
            if (v == null || v.isBlank()) {
                problems.add(new RowProblem(r.line(), c, v == null ? "" : v, "required, but empty"));
                return null;
            }
            return v.strip();
        };
        String reference = required.apply("reference");
        String originator = required.apply("originator");
        String legalBasis = required.apply("legal_basis");
        String handlingRaw = required.apply("handling");
        String kindRaw = required.apply("kind");
        String original = required.apply("value");
        String attribution = required.apply("attribution");
        String platformRaw = r.cell().apply("platform");
        String entity = r.cell().apply("entity_id");
        Integer handling = null;
        if (handlingRaw != null) {
            handling = handling(handlingRaw);
            if (handling == null) problems.add(new RowProblem(r.line(), "handling", handlingRaw, "not a handling code: H0, H1, H2 or H3"));
        }
        Lead.Kind kind = null;
        if (kindRaw != null) {
            kind = Lead.Kind.parse(kindRaw);
            if (kind == null) problems.add(new RowProblem(r.line(), "kind", kindRaw, "not a kind: one of " + java.util.Arrays.toString(Lead.Kind.values())));
        }
        String value = null;
        if (kind != null && original != null) {
            try {
                value = clean(kind, original);
            } catch (IllegalArgumentException e) {
                problems.add(new RowProblem(r.line(), "value", original, e.getMessage()));
            }
        }
        if (problems.size() > before) return null;
        return new Lead(r.line(), reference, originator, legalBasis, handling, platformRaw == null || platformRaw.isBlank() ? null : platform(platformRaw),
                kind, value, original, attribution, entity == null || entity.isBlank() ? null : entity.strip(), null, null);
    }

    /** The value as screening compares it: phones, IMEIs, plates and addresses as in the register; PINs upper case; names and accounts as written. */
    public static String clean(Lead.Kind kind, String raw) {
        return switch (kind) {
            case PHONE -> Identifiers.phone(raw);
            case IMEI -> Identifiers.imei(raw);
            case VEHICLE -> Identifiers.plate(raw);
            case ADDRESS -> Identifiers.address(raw);
            case PIN -> {
                String p = raw.replaceAll("[\\s\\-]", "").toUpperCase(Locale.ROOT);
                if (p.isEmpty()) throw new IllegalArgumentException("the PIN is empty");
                yield p;
            }
            case NAME, ACCOUNT -> raw.strip();
        };
    }

    /** "Sky ECC", "sky-ecc" → SKY_ECC. */
    public static String platform(String raw) {
        return raw.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_");
    }

    static Integer handling(String raw) {
        String s = raw.strip().toUpperCase(Locale.ROOT);
        if (s.startsWith("H")) s = s.substring(1);
        return switch (s) {
            case "0" -> 0;
            case "1" -> 1;
            case "2" -> 2;
            case "3" -> 3;
            default -> null;
        };
    }
}
