package besa.vetting.screening;

import static besa.vetting.screening.ScreeningFixtures.besa;
import static besa.vetting.screening.ScreeningFixtures.ftm;
import static org.assertj.core.api.Assertions.assertThat;

import besa.intel.ingest.Ingestion;
import besa.match.normalize.Imeis;
import besa.vetting.VettingAccess;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.Officer.Identifier;
import besa.vetting.personnel.Officer.IdentifierKind;
import besa.vetting.personnel.Officer.Origin;
import besa.vetting.personnel.PersonnelRegister;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The detectors through a full screening run, on intelligence written by the real ingestion: positives
 * in other formats and scripts, and the hard negatives (namesake, sibling, an unrelated account).
 */
@SpringBootTest
@AutoConfigureMockMvc
class ScreeningDetectorsTest {
    @Autowired Ingestion ingestion;
    @Autowired PersonnelRegister register;
    @Autowired VettingAccess access;
    @Autowired JdbcClient jdbc;
    @Autowired ScreeningService screening;

    ScreeningFixtures fx;
    String u;
    String digits;

    @BeforeEach
    void setUp() {
        fx = new ScreeningFixtures(ingestion, register, access, jdbc);
        int n = ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        digits = Integer.toString(n);
        u = "t" + n;
    }

    private String phone() {
        return "+35569" + digits;
    }

    private String imeiCore() {
        return "3520990" + digits;
    }

    @Test
    void identifiersInAnyFormatAreFoundAndWeighMoreNextToAGroupMember() {
        String officer = "scr-id-" + u;
        fx.officer(ScreeningFixtures.officer(officer, "Dritan", "Fatmir", "Kurti" + u.substring(1, 3), "1979-02-02", List.of(
                new Identifier(IdentifierKind.PHONE, phone(), "069 " + digits, Origin.ISSUED),
                new Identifier(IdentifierKind.IMEI, Imeis.withCheckDigit(imeiCore()), imeiCore(), Origin.DECLARED),
                new Identifier(IdentifierKind.VEHICLE, "AA" + digits.substring(0, 3) + "BB", "AA " + digits.substring(0, 3) + " BB", Origin.HR)),
                List.of()));
        // The phone written the international way with 00, the IMEI with spaces and without its check digit, the plate with a dash.
        fx.importFtm(
                ftm("ph-" + u, "besa:Phone", Map.of("number", "00355 69 " + digits)),
                ftm("dev-" + u, "besa:Device", Map.of("imei", "35 20990 " + digits.substring(0, 3) + " " + digits.substring(3))),
                ftm("car-" + u, "Vehicle", Map.of("registrationNumber", "AA-" + digits.substring(0, 3) + "-BB")),
                ftm("boss-" + u, "Person", Map.of("name", "Gang Boss " + u)),
                ftm("org-" + u, "Organization", Map.of("name", "Clan " + u)),
                ftm("mem-" + u, "Membership", Map.of("member", "boss-" + u, "organization", "org-" + u)),
                besa("uses-" + u, "Uses", Map.of("subject", "boss-" + u, "object", "ph-" + u)),
                // Another phone 069 number that is not his (one digit off).
                ftm("other-" + u, "besa:Phone", Map.of("number", "069" + (Integer.parseInt(digits) + 1))));

        screening.runFull("tester");

        Map<String, Double> f = fx.factors(officer);
        String phoneKey = "IDENTIFIER:PHONE:" + phone() + ":ph-" + u;
        String imeiKey = "IDENTIFIER:IMEI:" + Imeis.withCheckDigit(imeiCore()) + ":dev-" + u;
        String carKey = "IDENTIFIER:VEHICLE:AA" + digits.substring(0, 3) + "BB:car-" + u;
        assertThat(f).containsKeys(phoneKey, imeiKey, carKey);
        assertThat(f.keySet()).noneMatch(k -> k.contains("other-" + u));
        // The issued phone sits next to a group member: stronger than the declared IMEI, which is alone.
        assertThat(f.get(phoneKey)).isGreaterThan(0.85);
        assertThat(f.get(imeiKey)).isLessThan(f.get(phoneKey));
        assertThat(f.get(carKey)).isLessThan(f.get(imeiKey));
        String summary = access.system(s -> jdbc.sql("select summary_en from vetting_factor where key = ?").param(phoneKey).query(String.class).single());
        assertThat(summary).contains(phone()).contains("boss-" + u).contains("org-" + u);
    }

    @Test
    void anAddressMatchesWrittenAnotherWayButNotTheNeighbourNorAnotherTown() {
        String officer = "scr-a-" + u;
        String no = digits.substring(0, 3);
        fx.officer(ScreeningFixtures.officer(officer, "Alban", "Kujtim", "Brahimi" + u.substring(1, 3), "1970-10-10",
                List.of(new Identifier(IdentifierKind.ADDRESS, "Rruga Xhorxh Uashington " + no + ", Tiranë", "", Origin.HR)), List.of()));
        fx.importFtm(
                ftm("adr-" + u, "Address", Map.of("full", "Rr. Xhorxh Uashington nr. " + no + " Tirane")),
                ftm("next-" + u, "Address", Map.of("full", "Rruga Xhorxh Uashington " + (Integer.parseInt(no) + 1) + ", Tiranë")),
                ftm("town-" + u, "Address", Map.of("full", "Rruga Xhorxh Uashington " + no + ", Durrës")));

        screening.runFull("tester");

        Map<String, Double> f = fx.factors(officer);
        assertThat(f.keySet()).anyMatch(k -> k.startsWith("IDENTIFIER:ADDRESS:") && k.endsWith(":adr-" + u));
        assertThat(f.keySet()).noneMatch(k -> k.endsWith(":next-" + u) || k.endsWith(":town-" + u));
        assertThat(f.values()).allMatch(w -> w < 0.3); // a shared address alone is weak
    }

    @Test
    void theSamePersonInCyrillicIsFoundButNotANamesakeNorABrother() {
        String officer = "scr-p-" + u;
        String surname = "Hoxha";
        fx.officer(ScreeningFixtures.officer(officer, "Arben", "Ilir", surname, "1985-03-12", List.of(), List.of()));
        fx.importFtm(
                ftm("cyr-" + u, "Person", Map.of("name", "Арбен Хоџа", "fatherName", "Илир", "birthDate", "12.03.1985")),
                ftm("namesake-" + u, "Person", Map.of("name", "Arben Hoxha", "fatherName", "Agron", "birthDate", "1990-07-01")),
                ftm("brother-" + u, "Person", Map.of("firstName", "Besnik", "lastName", "Hoxha", "fatherName", "Ilir", "birthDate", "1988-05-05")));

        screening.runFull("tester");

        Map<String, Double> f = fx.factors(officer);
        assertThat(f).containsKey("PERSON:cyr-" + u);
        assertThat(f.keySet()).noneMatch(k -> k.equals("PERSON:namesake-" + u) || k.equals("PERSON:brother-" + u));
        String explanation = access.system(s -> jdbc.sql("select evidence->>'explanation' from vetting_factor where key = ?").param("PERSON:cyr-" + u)
                .query(String.class).list().getFirst());
        assertThat(explanation).contains("dob").contains("1985");
    }

    @Test
    void aDenialContradictedByALeadOrACryptophoneAccountOnHisPhone() {
        String liar = "scr-c-" + u, honest = "scr-h-" + u;
        String liarPhone = phone(), honestPhone = "+35567" + digits;
        fx.officer(ScreeningFixtures.officer(liar, "Gentian", "Pal", "Marku" + u.substring(1, 3), "1980-01-01",
                List.of(new Identifier(IdentifierKind.PHONE, liarPhone, liarPhone, Origin.ISSUED)), List.of(ScreeningFixtures.deniesCryptophone())));
        // He made no denial: the same kind of evidence is no contradiction.
        fx.officer(ScreeningFixtures.officer(honest, "Ilir", "Pal", "Marku" + u.substring(1, 3), "1981-01-01",
                List.of(new Identifier(IdentifierKind.PHONE, honestPhone, honestPhone, Origin.ISSUED)), List.of()));
        fx.importFtm(
                ftm("cp-" + u, "besa:Phone", Map.of("number", liarPhone)),
                besa("acc-" + u, "Account", Map.of("handle", "wolf" + u, "service", "Sky ECC")),
                besa("use-" + u, "Uses", Map.of("subject", "cp-" + u, "object", "acc-" + u)),
                ftm("hp-" + u, "besa:Phone", Map.of("number", honestPhone)),
                besa("hacc-" + u, "Account", Map.of("handle", "fox" + u, "service", "Sky ECC")),
                besa("huse-" + u, "Uses", Map.of("subject", "hp-" + u, "object", "hacc-" + u)));
        long lead = fx.lead("EP-" + u, "SKY_ECC", "PHONE", liarPhone);

        screening.runFull("tester");

        Map<String, Double> f = fx.factors(liar);
        String key = "CONTRADICTION:2024-01-15:lead-" + lead + ":acc-" + u;
        assertThat(f).containsKey(key);
        assertThat(f.get(key)).isGreaterThanOrEqualTo(0.85);
        assertThat(fx.factors(honest).keySet()).noneMatch(k -> k.startsWith("CONTRADICTION"));
        String evidence = access.system(s -> jdbc.sql("select (evidence->'declaration'->>'declaredOn') || ' ' || (evidence->'leads')::text from vetting_factor where key = ?")
                .param(key).query(String.class).single());
        assertThat(evidence).isEqualTo("2024-01-15 [" + lead + "]");
    }

    @Test
    void reRunsAreStableFactorsNotFoundGoInactiveAndDismissedAlertsReopenOnlyForNewEvidence() {
        String officer = "scr-r-" + u;
        fx.officer(ScreeningFixtures.officer(officer, "Kastriot", "Leka", "Dushku" + u.substring(1, 3), "1975-05-05",
                List.of(new Identifier(IdentifierKind.PHONE, phone(), phone(), Origin.ISSUED),
                        new Identifier(IdentifierKind.IMEI, Imeis.withCheckDigit(imeiCore()), imeiCore(), Origin.ISSUED)), List.of()));
        fx.importFtm(ftm("rp-" + u, "besa:Phone", Map.of("number", "0" + phone().substring(4))));
        screening.runFull("tester");
        Map<String, Boolean> first = fx.allFactors(officer);
        assertThat(first).containsEntry("IDENTIFIER:PHONE:" + phone() + ":rp-" + u, true);

        screening.runFull("tester");
        assertThat(fx.allFactors(officer)).isEqualTo(first); // same keys, no twins

        // The register no longer lists the phone: its factor goes inactive on the next full run.
        fx.officer(ScreeningFixtures.officer(officer, "Kastriot", "Leka", "Dushku" + u.substring(1, 3), "1975-05-05",
                List.of(new Identifier(IdentifierKind.IMEI, Imeis.withCheckDigit(imeiCore()), imeiCore(), Origin.ISSUED)), List.of()));
        screening.runFull("tester");
        assertThat(fx.allFactors(officer)).containsEntry("IDENTIFIER:PHONE:" + phone() + ":rp-" + u, false);

        // Dismissed, it stays dismissed when nothing new is found...
        fx.dismiss(officer);
        screening.runFull("tester");
        assertThat(fx.alertStatus(officer)).isEqualTo("DISMISSED");
        // ... and comes back for new evidence: his device appears in intelligence.
        fx.importFtm(ftm("rd-" + u, "besa:Device", Map.of("imei", Imeis.withCheckDigit(imeiCore()))));
        screening.runFull("tester"); // (the incremental run after the import may have reopened it already)
        assertThat(fx.alertStatus(officer)).isEqualTo("NEW");
        long reopen = access.system(s -> jdbc.sql("""
                select count(*) from vetting_decision d join vetting_alert a on a.id = d.alert_id
                where a.officer_id = ? and d.verdict = 'REOPEN' and d.decided_by = 'besa'""").param(officer).query(Long.class).single());
        assertThat(reopen).isEqualTo(1);
    }

    @Test
    void eachRunIsRecordedAndAudited() {
        long before = access.system(s -> jdbc.sql("select count(*) from screening_run where kind = 'FULL' and requested_by = 'auditor-test'")
                .query(Long.class).single());
        screening.runFull("auditor-test");
        long after = access.system(s -> jdbc.sql("select count(*) from screening_run where kind = 'FULL' and requested_by = 'auditor-test' and error is null"
                + " and finished_at is not null").query(Long.class).single());
        assertThat(after).isEqualTo(before + 1);
        List<besa.audit.AuditEvent> events = jdbc.sql("select data from audit_entry order by idx")
                .query((rs, n) -> besa.audit.AuditCodec.decode(rs.getBytes(1)).event()).list();
        assertThat(events).anyMatch(e -> e.actor().equals("auditor-test") && e.action() == besa.audit.AuditAction.COMBINATION
                && e.target().startsWith("screening: all active officers"));
    }
}
