package besa.vetting.screening;

import besa.intel.ingest.FtmDefaults;
import besa.intel.ingest.ImportOptions;
import besa.intel.ingest.ImportResult;
import besa.intel.ingest.Ingestion;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.store.Source;
import besa.vetting.VettingAccess;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.PersonnelRegister;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Officers and intelligence for the screening tests, written through the register and the real ingestion. */
final class ScreeningFixtures {
    static final Source SOURCE = new Source("scr-test", "Screening test intelligence", "Test originator", "Art. 5 test");

    private final Ingestion ingestion;
    private final PersonnelRegister register;
    private final VettingAccess access;
    private final JdbcClient jdbc;

    ScreeningFixtures(Ingestion ingestion, PersonnelRegister register, VettingAccess access, JdbcClient jdbc) {
        this.ingestion = ingestion;
        this.register = register;
        this.access = access;
        this.jdbc = jdbc;
    }

    /** Plain FtM lines (values cleaned by the ingestion, as a partner's file would be). */
    ImportResult importFtm(String... lines) {
        try {
            Path f = Files.createTempFile("scr", ".jsonl");
            Files.writeString(f, String.join("\n", lines) + "\n");
            ImportResult r = ingestion.importFtm(f, "screening-test.jsonl", new FtmDefaults(SOURCE, Grading.parse("B2"), Handling.parse("H1")),
                    ImportOptions.defaults());
            Files.deleteIfExists(f);
            if (r.errorCount() > 0) throw new IllegalStateException("fixture import failed: " + r.errors());
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String ftm(String id, String schema, Map<String, String> props) {
        StringBuilder b = new StringBuilder("{\"id\":\"" + id + "\",\"schema\":\"" + schema + "\",\"properties\":{");
        boolean first = true;
        for (var e : props.entrySet()) {
            if (!first) b.append(',');
            first = false;
            b.append('"').append(e.getKey()).append("\":[\"").append(e.getValue().replace("\"", "\\\"")).append("\"]");
        }
        return b.append("}}").toString();
    }

    /** A Besa-format line (exact type, used for Uses relations, which plain FtM has no schema for). */
    static String besa(String id, String type, Map<String, String> props) {
        StringBuilder b = new StringBuilder("{\"id\":\"" + id + "\",\"schema\":\"x\",\"besa\":{\"type\":\"" + type + "\",\"sources\":{\"" + SOURCE.id()
                + "\":{\"title\":\"" + SOURCE.title() + "\",\"originator\":\"" + SOURCE.originator() + "\",\"legalBasis\":\"" + SOURCE.legalBasis()
                + "\"}},\"statements\":[");
        boolean first = true;
        for (var e : props.entrySet()) {
            if (!first) b.append(',');
            first = false;
            b.append("{\"prop\":\"").append(e.getKey()).append("\",\"value\":\"").append(e.getValue()).append("\",\"source\":\"").append(SOURCE.id())
                    .append("\",\"record\":\"").append(id).append("\",\"originator\":\"").append(SOURCE.originator()).append("\",\"legalBasis\":\"")
                    .append(SOURCE.legalBasis()).append("\",\"evaluation\":\"B2\",\"handling\":\"H1\"}");
        }
        return b.append("]}}").toString();
    }

    void officer(Officer o) {
        access.system(s -> {
            register.save(o);
            return null;
        });
    }

    static Officer officer(String id, String given, String father, String surname, String dob, List<Officer.Identifier> ids,
            List<Officer.Declaration> declarations) {
        return new Officer(id, given, father, surname, dob, "Test unit", "Inspector", true, ids, List.of(), declarations);
    }

    static Officer.Declaration deniesCryptophone() {
        return new Officer.Declaration(LocalDate.of(2024, 1, 15), "Have you used Sky ECC / EncroChat or similar?", "No", false);
    }

    long lead(String reference, String platform, String kind, String value) {
        return access.system(s -> jdbc.sql("""
                insert into lead (reference, originator, legal_basis, handling, platform, kind, value, original, attribution, imported_by)
                values (?, 'Europol', 'Art. 18 Europol Regulation', 2, ?, ?, ?, ?, 'co-location with issued phone', 'test') returning id""")
                .params(reference, platform, kind, value, value).query(Long.class).single());
    }

    /** Active factors of the officer's screening alert: key → weight. */
    Map<String, Double> factors(String officerId) {
        return access.system(s -> {
            Map<String, Double> m = new java.util.TreeMap<>();
            jdbc.sql("""
                    select f.key, f.weight from vetting_factor f join vetting_alert a on a.id = f.alert_id
                    where a.origin = 'SCREENING' and a.officer_id = ? and f.active""").param(officerId)
                    .query((rs, n) -> m.put(rs.getString(1), rs.getDouble(2))).list();
            return m;
        });
    }

    /** Every factor (active or not) of the officer's alert: key → active. */
    Map<String, Boolean> allFactors(String officerId) {
        return access.system(s -> {
            Map<String, Boolean> m = new java.util.TreeMap<>();
            jdbc.sql("""
                    select f.key, f.active from vetting_factor f join vetting_alert a on a.id = f.alert_id
                    where a.origin = 'SCREENING' and a.officer_id = ?""").param(officerId)
                    .query((rs, n) -> m.put(rs.getString(1), rs.getBoolean(2))).list();
            return m;
        });
    }

    String alertStatus(String officerId) {
        return access.system(s -> jdbc.sql("select status from vetting_alert where origin = 'SCREENING' and officer_id = ?").param(officerId)
                .query(String.class).optional().orElse(null));
    }

    void dismiss(String officerId) {
        access.system(s -> jdbc.sql("""
                update vetting_alert set status = 'DISMISSED', dismissed_by = 'tester', dismissed_at = now(), dismiss_reason = 'known, explained'
                where origin = 'SCREENING' and officer_id = ?""").param(officerId).update());
    }
}
