package besa.vetting.personnel;

import static besa.access.TestLogins.account;
import static besa.vetting.personnel.PersonnelTestSupport.importCsv;
import static besa.vetting.personnel.PersonnelTestSupport.trailSince;
import static besa.vetting.personnel.PersonnelTestSupport.trailSize;
import static besa.vetting.personnel.PersonnelTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.Role;
import besa.audit.AuditAction;
import besa.vetting.VettingAccess;
import besa.vetting.casefile.CaseFixture;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A vetting officer and material about himself (security review): leads on his identifiers, his own
 * personnel rows (imports and direct SQL), factors of alerts about him, and ids written in another case.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SelfProtectionTest {
    private static final String REGISTER = "officer_id,given_name,father_name,surname,phones,declared_imeis\n";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired VettingAccess access;
    @Autowired PersonnelRegister register;

    private RequestPostProcessor colleague() {
        return account(jdbc, "vetting.colleague", Role.VETTING_OFFICER);
    }

    /** A vetting officer account linked to officer id {@code linkedAs} (as the account writes it). */
    private RequestPostProcessor self(String username, String linkedAs) {
        RequestPostProcessor p = account(jdbc, username, Role.VETTING_OFFICER);
        jdbc.sql("update app_user set officer_id = ? where username = ?").params(linkedAs, username).update();
        return p;
    }

    private static String phone() {
        return "+35569" + (1000000 + ThreadLocalRandom.current().nextInt(8999999));
    }

    /** Registers an officer (by the colleague) with this phone and a declared IMEI. */
    private String officer(String phone) throws Exception {
        String id = unique("P");
        mvc.perform(importCsv("register", REGISTER + id + ",Vetan,,Hoxha," + phone + ",867531045982119\n").with(colleague()))
                .andExpect(status().isOk());
        return id;
    }

    @Test
    void leadsOnHisOwnIdentifiersAreLeftOutOfHisListButNotHisColleagues() throws Exception {
        String phone = phone(), own = officer(phone), ref = unique("EU-SELF"), entity = unique("ent"), pin = unique("PIN").toUpperCase();
        RequestPostProcessor self = self("vetting.self.leads", own);
        String csv = "reference,originator,legal_basis,handling,platform,kind,value,attribution,entity_id\n"
                + ref + ",EUROPOL,art. 18,1,PHONE,PHONE," + phone + ",co-location with issued phone," + entity + "\n"
                + ref + ",EUROPOL,art. 18,1,SKY_ECC,PIN," + pin + ",same device as the phone," + entity + "\n"
                + ref + ",EUROPOL,art. 18,1,PHONE,PHONE," + phone() + ",someone else,\n";
        // He imports them himself: his own lead is stored (the partner's file is whole), just not his to read.
        mvc.perform(post("/api/vetting/leads/import").contentType("text/csv").content(csv.getBytes(StandardCharsets.UTF_8)).with(self))
                .andExpect(status().isOk()).andExpect(jsonPath("$.added").value(3));

        mvc.perform(get("/api/vetting/leads").param("q", ref).with(colleague())).andExpect(jsonPath("$.total").value(3));
        mvc.perform(get("/api/vetting/leads").param("q", ref).with(self)).andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].attribution").value("someone else"));
        mvc.perform(get("/api/vetting/leads").param("q", pin).with(self)).andExpect(jsonPath("$.total").value(0));
        String page = mvc.perform(get("/vetting/leads").param("q", ref).with(self)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain(pin).doesNotContain("co-location with issued phone").contains("someone else");

        // The database's own line: plain SQL in his session finds neither lead.
        long seen = CaseFixture.as("vetting.self.leads", () -> access.read(s ->
                jdbc.sql("select count(*) from lead where reference = ?").param(ref).query(Long.class).single()));
        assertThat(seen).isEqualTo(1);
        long colleagueSees = CaseFixture.as("vetting.colleague", () -> access.read(s ->
                jdbc.sql("select count(*) from lead where reference = ?").param(ref).query(Long.class).single()));
        assertThat(colleagueSees).isEqualTo(3);
    }

    @Test
    void heCannotImportHisOwnRowsInAnyKindOfFile() throws Exception {
        String own = officer(phone());
        RequestPostProcessor self = self("vetting.self.import", own);
        String other = officer(phone());

        // Register: his row without the declared IMEI would retire that factor.
        mvc.perform(importCsv("register", REGISTER + other + ",Tjetri,,Hoxha,,\n" + own + ",Vetan,,Hoxha,,\n").with(self))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.result.committed").value(false))
                .andExpect(jsonPath("$.result.problems[0].line").value(3))
                .andExpect(jsonPath("$.result.problems[0].reason").value("you cannot import your own record"));
        mvc.perform(importCsv("duties", "officer_id,starts_at,ends_at,unit,place,latitude,longitude\n"
                        + own + ",2024-03-01T08:00,2024-03-01T16:00,,Kashar,,\n").with(self))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.result.problems[0].line").value(2))
                .andExpect(jsonPath("$.result.problems[0].reason").value("you cannot import your own record"));
        mvc.perform(importCsv("declarations", "officer_id,declared_on,question,answer,cryptophone_use\n"
                        + own + ",2024-01-10,Sky ECC?,Jo,false\n").with(self))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.result.problems[0].reason").value("you cannot import your own record"));
        // Skipping invalid rows imports the colleague's row only.
        mvc.perform(importCsv("register", REGISTER + other + ",Tjetri,,Hoxha,,\n" + own + ",Vetan,,Hoxha,,\n").param("skipInvalid", "true").with(self))
                .andExpect(status().isOk()).andExpect(jsonPath("$.imported").value(1));

        Officer kept = register.find(own).orElseThrow();
        assertThat(kept.givenName()).isEqualTo("Vetan");
        assertThat(kept.identifiers()).extracting(Officer.Identifier::kind).contains(Officer.IdentifierKind.IMEI);
        assertThat(kept.duties()).isEmpty();
        assertThat(kept.declarations()).isEmpty();
        assertThat(register.find(other).orElseThrow().givenName()).isEqualTo("Tjetri");
    }

    @Test
    void aWholeRegisterImportByHimDoesNotRetireHimAndTheAuditCountsWithoutIds() throws Exception {
        Set<String> activeBefore = Set.copyOf(jdbc.sql("select id from officer where active").query(String.class).list());
        String own = officer(phone());
        RequestPostProcessor self = self("vetting.self.whole", own);
        String other = unique("P");
        long from = trailSize(jdbc);
        try {
            mvc.perform(importCsv("register", REGISTER + other + ",Tjetri,,Hoxha,,\n").param("wholeRegister", "true").with(self))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.deactivated").value(activeBefore.size()));
            assertThat(register.find(own).orElseThrow().active()).isTrue();
            assertThat(trailSince(jdbc, from)).filteredOn(e -> e.event().action() == AuditAction.COLLECTION).singleElement()
                    .satisfies(e -> assertThat(e.event().target())
                            .contains("officersChanged=" + (activeBefore.size() + 1))
                            .doesNotContain(other).doesNotContain(own));
        } finally {
            jdbc.sql("update officer set active = true where id = any(?)").param(activeBefore.toArray(String[]::new)).update();
        }
    }

    // The alerts below are dismissed: an open one would suspend him from vetting work altogether
    // (VettingSuspensionTest); here the row security is tested, which hides them whatever their status.
    @Test
    void hisOwnRowsAndTheFactorsOfAlertsAboutHimAreNotReadableBySqlInHisSession() throws Exception {
        String own = officer(phone());
        self("vetting.self.sql", own);
        long alert = access.system(s -> {
            long id = jdbc.sql("insert into vetting_alert (origin, officer_id, score, status, dismiss_reason) values ('SCREENING', ?, 0.5, 'DISMISSED', 'closed') returning id").param(own)
                    .query(Long.class).single();
            jdbc.sql("insert into vetting_factor (alert_id, key, kind, weight, summary_sq, summary_en, evidence) "
                    + "values (?, 'k', 'IDENTIFIER', 0.5, 's', 's', '{}'::jsonb)").param(id).update();
            jdbc.sql("insert into vetting_decision (alert_id, verdict, reason, decided_by) values (?, 'AGREE', 'r', 'x')").param(id).update();
            return id;
        });
        String rows = "select (select count(*) from officer where id = :id) + (select count(*) from officer_identifier where officer_id = :id)"
                + " + (select count(*) from vetting_factor where alert_id = :a) + (select count(*) from vetting_decision where alert_id = :a)";
        long his = CaseFixture.as("vetting.self.sql", () -> access.read(s -> jdbc.sql(rows).param("id", own).param("a", alert).query(Long.class).single()));
        assertThat(his).isZero();
        account(jdbc, "vetting.colleague", Role.VETTING_OFFICER);
        long colleague = CaseFixture.as("vetting.colleague", () -> access.read(s ->
                jdbc.sql(rows).param("id", own).param("a", alert).query(Long.class).single()));
        assertThat(colleague).isEqualTo(1 + 2 + 1 + 1); // officer, phone and IMEI, factor, decision
        // Nor can his session write them.
        int updated = CaseFixture.as("vetting.self.sql", () -> access.write(s ->
                jdbc.sql("update officer_identifier set origin = 'HR' where officer_id = ?").param(own).update()));
        assertThat(updated).isZero();
        // Screening runs as the system and still reads him.
        long asSystem = access.system(s -> jdbc.sql("select count(*) from officer where id = ?").param(own).query(Long.class).single());
        assertThat(asSystem).isEqualTo(1);
    }

    @Test
    void anAccountWritingHisIdInLowerCaseWithSpacesIsStillHim() throws Exception {
        String own = officer(phone());
        RequestPostProcessor self = self("vetting.self.case", "  " + own.toLowerCase() + " ");
        mvc.perform(get("/api/vetting/personnel/" + own).with(self)).andExpect(status().isNotFound());
        mvc.perform(get("/api/vetting/personnel").param("q", own).with(self)).andExpect(jsonPath("$.total").value(0));
        mvc.perform(importCsv("register", REGISTER + own + ",Vetan,,Hoxha,,\n").with(self))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.result.problems[0].reason").value("you cannot import your own record"));
        long alert = access.system(s -> jdbc.sql("insert into vetting_alert (origin, officer_id, score, status, dismiss_reason) values ('SCREENING', ?, 0.5, 'DISMISSED', 'closed') returning id")
                .param(own).query(Long.class).single());
        long seen = CaseFixture.as("vetting.self.case", () -> access.read(s -> jdbc.sql(
                "select (select count(*) from officer where id = ?) + (select count(*) from vetting_alert where id = ?)")
                .params(own, alert).query(Long.class).single()));
        assertThat(seen).isZero();
    }
}
