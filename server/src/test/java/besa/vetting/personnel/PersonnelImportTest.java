package besa.vetting.personnel;

import static besa.access.TestLogins.account;
import static besa.vetting.personnel.PersonnelTestSupport.example;
import static besa.vetting.personnel.PersonnelTestSupport.importCsv;
import static besa.vetting.personnel.PersonnelTestSupport.trailSince;
import static besa.vetting.personnel.PersonnelTestSupport.trailSize;
import static besa.vetting.personnel.PersonnelTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import besa.access.Role;
import besa.audit.AuditAction;
import besa.audit.AuditOutcome;
import besa.audit.RecordedEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** HR imports through the API, over the real database and audit trail, as a real vetting officer. */
@SpringBootTest
@AutoConfigureMockMvc
@RecordApplicationEvents
class PersonnelImportTest {
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEvents events;
    @Autowired PersonnelRegister register;

    private RequestPostProcessor vetting() {
        return account(jdbc, "vetting.importer", Role.VETTING_OFFICER);
    }

    private List<Set<String>> published() {
        return events.stream(PersonnelChanged.class).map(PersonnelChanged::officerIds).toList();
    }

    private static String registerRow(String id, String given, String phones, String issued) {
        return id + "," + given + ",Ilir,Hoxha,1985-03-12,DVP Tiranë,Inspektor," + phones + "," + issued + ",,,\n";
    }

    private static final String REGISTER_HEADER =
            "officer_id,given_name,father_name,surname,birth_date,unit,rank,phones,issued_imeis,declared_imeis,vehicles,addresses\n";

    @Test
    void theExampleFilesImportWithCleanIdentifiersDutiesAndDeclarations() throws Exception {
        long from = trailSize(jdbc);
        mvc.perform(importCsv("register", example("personnel-register.csv")).with(vetting()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.committed").value(true))
                .andExpect(jsonPath("$.rows").value(3))
                .andExpect(jsonPath("$.imported").value(3));
        mvc.perform(importCsv("duties", example("duties.csv")).with(vetting())).andExpect(status().isOk()).andExpect(jsonPath("$.imported").value(3));
        mvc.perform(importCsv("declarations", example("declarations.csv")).with(vetting())).andExpect(status().isOk())
                .andExpect(jsonPath("$.imported").value(4));

        Officer arben = register.find("EX-1001").orElseThrow();
        assertThat(arben.identifiers(Officer.IdentifierKind.PHONE)).extracting(Officer.Identifier::value)
                .containsExactlyInAnyOrder("+355691234567", "+38344123456");
        assertThat(arben.identifiers(Officer.IdentifierKind.PHONE)).extracting(Officer.Identifier::original).contains("069 123 4567");
        assertThat(arben.identifiers(Officer.IdentifierKind.IMEI)).containsExactlyInAnyOrder(
                new Officer.Identifier(Officer.IdentifierKind.IMEI, "352099001761481", "35 209900 176148 1", Officer.Origin.ISSUED),
                new Officer.Identifier(Officer.IdentifierKind.IMEI, "867531045982119", "86753104598211", Officer.Origin.DECLARED));
        assertThat(arben.identifiers(Officer.IdentifierKind.VEHICLE)).extracting(Officer.Identifier::value).containsExactly("AA123BB");
        assertThat(arben.identifiers(Officer.IdentifierKind.ADDRESS)).extracting(Officer.Identifier::value).containsExactly("Rruga e Durrësit 12, Tiranë");
        assertThat(arben.birthDate()).isEqualTo("1985-03-12");
        // Local times are Tirana's: 08:00 on 1 March (CET, UTC+1) is 07:00 UTC.
        assertThat(arben.duties()).extracting(d -> d.startsAt().toString()).containsExactly("2024-03-01T07:00:00Z", "2024-03-02T19:00:00Z");
        assertThat(arben.duties().getFirst().latitude()).isEqualTo(41.3275);
        assertThat(arben.declarations()).extracting(Officer.Declaration::cryptophoneUse).containsExactlyInAnyOrder(false, null);

        Officer elira = register.find("EX-1002").orElseThrow();
        assertThat(elira.birthDate()).isEqualTo("1990-07");
        assertThat(elira.identifiers(Officer.IdentifierKind.PHONE)).extracting(Officer.Identifier::value).containsExactly("+355682345678");
        assertThat(elira.identifiers(Officer.IdentifierKind.VEHICLE)).extracting(Officer.Identifier::value).containsExactly("DR4567C");
        assertThat(elira.identifiers(Officer.IdentifierKind.ADDRESS)).hasSize(2);
        assertThat(elira.declarations().getFirst().declaredOn()).hasToString("2024-01-15");
        assertThat(register.find("EX-1003").orElseThrow().declarations().getFirst().cryptophoneUse()).isTrue();

        List<RecordedEvent> trail = trailSince(jdbc, from);
        assertThat(trail).filteredOn(e -> e.event().action() == AuditAction.COLLECTION)
                .extracting(e -> e.event().target())
                .anySatisfy(t -> assertThat(t).startsWith("vetting personnel import register: rows=3 imported=3"))
                .anySatisfy(t -> assertThat(t).startsWith("vetting personnel import duties: rows=3 imported=3"));
    }

    @Test
    void reimportReplacesTheOfficersIdentifiersKeepsHisDutiesAndPublishesOnlyWhatChanged() throws Exception {
        String a = unique("A"), b = unique("B");
        mvc.perform(importCsv("register", REGISTER_HEADER + registerRow(a, "Arben", "069 123 4567", "352099001761481")
                        + registerRow(b, "Besnik", "0682345678", "")).with(vetting()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.added").value(2));
        assertThat(published()).containsExactly(Set.of(a, b));
        mvc.perform(importCsv("duties", "officer_id,starts_at,ends_at,place\n" + a + ",2024-03-01T08:00,2024-03-01T16:00,Kashar\n").with(vetting()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.changed").value(1));

        mvc.perform(importCsv("register", REGISTER_HEADER + registerRow(a, "Arben", "+355 69 999 8888", "352099001761481")
                        + registerRow(b, "Besnik", "0682345678", "")).with(vetting()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.added").value(0))
                .andExpect(jsonPath("$.changed").value(1));

        Officer after = register.find(a).orElseThrow();
        assertThat(after.identifiers(Officer.IdentifierKind.PHONE)).extracting(Officer.Identifier::value).containsExactly("+355699998888");
        assertThat(after.identifiers(Officer.IdentifierKind.IMEI)).extracting(Officer.Identifier::value).containsExactly("352099001761481");
        assertThat(after.duties()).hasSize(1); // the register file says nothing about duties
        assertThat(published()).containsExactly(Set.of(a, b), Set.of(a), Set.of(a));
    }

    @Test
    void aDutiesFileReplacesTheDutiesOfTheOfficersItCarriesOnly() throws Exception {
        String a = unique("A"), b = unique("B");
        mvc.perform(importCsv("register", REGISTER_HEADER + registerRow(a, "Arben", "", "") + registerRow(b, "Besnik", "", "")).with(vetting()))
                .andExpect(status().isOk());
        String header = "officer_id,starts_at,ends_at,unit,place,latitude,longitude\n";
        mvc.perform(importCsv("duties", header + a + ",2024-03-01T08:00,2024-03-01T16:00,,Kashar,41.35,19.72\n"
                        + a + ",2024-03-02T08:00,2024-03-02T16:00,,Kashar,41.35,19.72\n"
                        + b + ",2024-03-01T08:00,2024-03-01T16:00,,Durrës,,\n").with(vetting()))
                .andExpect(status().isOk());
        mvc.perform(importCsv("duties", header + a + ",2024-04-01T08:00,2024-04-01T16:00,,Rinas,,\n").with(vetting()))
                .andExpect(status().isOk());
        assertThat(register.find(a).orElseThrow().duties()).extracting(Officer.Duty::place).containsExactly("Rinas");
        assertThat(register.find(b).orElseThrow().duties()).extracting(Officer.Duty::place).containsExactly("Durrës");
    }

    @Test
    void aWholeRegisterFileMarksOfficersItDoesNotCarryInactiveAndDeletesNobody() throws Exception {
        Set<String> activeBefore = Set.copyOf(jdbc.sql("select id from officer where active").query(String.class).list());
        String a = unique("A"), b = unique("B");
        try {
            mvc.perform(importCsv("register", REGISTER_HEADER + registerRow(a, "Arben", "", "") + registerRow(b, "Besnik", "0682345678", ""))
                    .with(vetting())).andExpect(status().isOk());
            mvc.perform(importCsv("register", REGISTER_HEADER + registerRow(a, "Arben", "", "")).param("wholeRegister", "true").with(vetting()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.deactivated").value(activeBefore.size() + 1));
            Officer gone = register.find(b).orElseThrow();
            assertThat(gone.active()).isFalse();
            assertThat(gone.identifiers()).hasSize(1); // kept, only inactive
            assertThat(register.find(a).orElseThrow().active()).isTrue();
            assertThat(published().getLast()).contains(b).doesNotContain(a);
            // A register file that carries him again makes him active again.
            mvc.perform(importCsv("register", REGISTER_HEADER + registerRow(b, "Besnik", "0682345678", "")).with(vetting()))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.changed").value(1));
            assertThat(register.find(b).orElseThrow().active()).isTrue();
        } finally {
            // Other tests' officers share this database: give them back their state.
            jdbc.sql("update officer set active = true where id = any(?)").param(activeBefore.toArray(String[]::new)).update();
        }
    }

    @Test
    void aWholeRegisterFileWithoutOfficersIsRefused() throws Exception {
        String a = unique("E");
        mvc.perform(importCsv("register", REGISTER_HEADER + registerRow(a, "Arben", "069 123 4567", "")).with(vetting())).andExpect(status().isOk());
        long activeBefore = jdbc.sql("select count(*) from officer where active").query(Long.class).single();
        mvc.perform(importCsv("register", REGISTER_HEADER).param("wholeRegister", "true").with(vetting()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.result.committed").value(false));
        // An empty "whole register" would have deactivated everyone: nobody was.
        assertThat(jdbc.sql("select active from officer where id = ?").param(a).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select count(*) from officer where active").query(Long.class).single()).isEqualTo(activeBefore);
    }

    @Test
    void badRowsRefuseTheFileWithEveryProblemAndNothingStoredIsLost() throws Exception {
        String a = unique("A");
        mvc.perform(importCsv("register", REGISTER_HEADER + registerRow(a, "Arben", "069 123 4567", "")).with(vetting())).andExpect(status().isOk());
        events.clear();
        long from = trailSize(jdbc);
        String bad = REGISTER_HEADER
                + registerRow(a, "Arbri", "+355 69 555 4444", "")             // valid change: must not be stored either
                + registerRow(unique("B"), "Besnik", "abc", "352099001761482") // bad phone and a wrong check digit
                + unique("C") + ",Dritan,,,1985-13-40,,,,,,,\n"                // no surname, impossible date
                + registerRow(a, "Arben", "", "");                             // the same officer twice
        mvc.perform(importCsv("register", bad).with(vetting()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("urn:besa:problem:invalid-rows"))
                .andExpect(jsonPath("$.title").value("The file has invalid rows"))
                .andExpect(jsonPath("$.result.committed").value(false))
                .andExpect(jsonPath("$.result.refused").value(3))
                .andExpect(jsonPath("$.result.problems.length()").value(5))
                .andExpect(jsonPath("$.result.problems[0].line").value(3))
                .andExpect(jsonPath("$.result.problems[0].column").value("phones"))
                .andExpect(jsonPath("$.result.problems[0].value").value("abc"))
                .andExpect(jsonPath("$.result.problems[0].reason").value("not a phone number"))
                .andExpect(jsonPath("$.result.problems[1].column").value("issued_imeis"))
                .andExpect(jsonPath("$.result.problems[1].reason").value("the IMEI's check digit is wrong (expected 1)"))
                .andExpect(jsonPath("$.result.problems[2].line").value(4))
                .andExpect(jsonPath("$.result.problems[2].column").value("surname"))
                .andExpect(jsonPath("$.result.problems[3].column").value("birth_date"))
                .andExpect(jsonPath("$.result.problems[3].value").value("1985-13-40"))
                .andExpect(jsonPath("$.result.problems[4].line").value(5))
                .andExpect(jsonPath("$.result.problems[4].reason").value("the same officer is already on line 2"));

        Officer kept = register.find(a).orElseThrow();
        assertThat(kept.givenName()).isEqualTo("Arben");
        assertThat(kept.identifiers()).extracting(Officer.Identifier::value).containsExactly("+355691234567");
        assertThat(published()).isEmpty();
        assertThat(trailSince(jdbc, from)).anySatisfy(e -> {
            assertThat(e.event().action()).isEqualTo(AuditAction.COLLECTION);
            assertThat(e.event().outcome()).isEqualTo(AuditOutcome.FAILED);
        });
    }

    @Test
    void skippingInvalidRowsImportsTheRestAndReportsTheRefused() throws Exception {
        String a = unique("A"), b = unique("B");
        String file = REGISTER_HEADER + registerRow(a, "Arben", "069 123 4567", "35 209900 176148") + registerRow(b, "Besnik", "12", "");
        mvc.perform(importCsv("register", file).param("skipInvalid", "true").with(vetting()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.committed").value(true))
                .andExpect(jsonPath("$.imported").value(1))
                .andExpect(jsonPath("$.refused").value(1))
                .andExpect(jsonPath("$.problems[0].line").value(3))
                .andExpect(jsonPath("$.problems[0].value").value("12"));
        // 14 digits get their check digit.
        assertThat(register.find(a).orElseThrow().identifiers(Officer.IdentifierKind.IMEI)).extracting(Officer.Identifier::value)
                .containsExactly("352099001761481");
        assertThat(register.find(b)).isEmpty();
        assertThat(published()).containsExactly(Set.of(a));
    }

    @Test
    void dutiesAndDeclarationsNeedARegisteredOfficerAndValidValues() throws Exception {
        String a = unique("A"), ghost = unique("GHOST");
        mvc.perform(importCsv("register", REGISTER_HEADER + registerRow(a, "Arben", "", "")).with(vetting())).andExpect(status().isOk());
        mvc.perform(importCsv("duties", "officer_id,starts_at,ends_at,place,latitude,longitude\n"
                        + ghost + ",2024-03-01T08:00,2024-03-01T16:00,Kashar,,\n"
                        + a + ",2024-03-01T16:00,2024-03-01T08:00,Kashar,41.3,\n"
                        + a + ",yesterday,2024-03-01T08:00,Kashar,91,19\n").with(vetting()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.result.problems[0].line").value(2))
                .andExpect(jsonPath("$.result.problems[0].reason").value("no officer with this id in the register: import the register first"))
                .andExpect(jsonPath("$.result.problems[1].line").value(3))
                .andExpect(jsonPath("$.result.problems[?(@.line == 3 && @.column == 'longitude')]").exists())
                .andExpect(jsonPath("$.result.problems[?(@.line == 3 && @.column == 'ends_at')]").exists())
                .andExpect(jsonPath("$.result.problems[?(@.line == 4 && @.column == 'starts_at')]").exists())
                .andExpect(jsonPath("$.result.problems[?(@.line == 4 && @.column == 'latitude')]").exists());
        mvc.perform(importCsv("declarations", "officer_id,declared_on,question,answer,cryptophone_use\n"
                        + a + ",2024-01,Sky ECC?,Jo,maybe\n").with(vetting()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.result.problems[?(@.column == 'declared_on')]").exists())
                .andExpect(jsonPath("$.result.problems[?(@.column == 'cryptophone_use' && @.value == 'maybe')]").exists());
        assertThat(register.find(a).orElseThrow().duties()).isEmpty();
    }

    @Test
    void aMappingNamesTheColumnsAndAnUnusableMappingOrHeaderIsA400WithEveryProblem() throws Exception {
        String a = unique("A");
        String mapping = """
                separator: "|"
                columns:
                  officerId: NR_PERSONELI
                  givenName: EMRI
                  surname: MBIEMRI
                  phones: TELEFONAT
                """;
        mvc.perform(importCsv("register", "NR_PERSONELI,EMRI,MBIEMRI,TELEFONAT\n" + a + ",Arben,Hoxha,069 123 4567|+355 68 234 5678\n")
                        .param("mapping", mapping).with(vetting()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.imported").value(1));
        assertThat(register.find(a).orElseThrow().identifiers(Officer.IdentifierKind.PHONE)).hasSize(2);
        // The same through multipart, the mapping as a file part.
        String b = unique("B");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/api/vetting/personnel/import")
                        .file(new org.springframework.mock.web.MockMultipartFile("file", "hr.csv", "text/csv",
                                ("NR_PERSONELI,EMRI,MBIEMRI,TELEFONAT\n" + b + ",Besnik,Kola,069 123 4567\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .file(new org.springframework.mock.web.MockMultipartFile("mapping", "hr.yaml", "application/yaml",
                                mapping.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .param("kind", "register").with(vetting()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.added").value(1));
        assertThat(register.find(b).orElseThrow().surname()).isEqualTo("Kola");

        mvc.perform(importCsv("register", "NR,EMRI\n1,x\n").param("mapping", "columns:\n  officerId: NR\n  shoeSize: X\n").with(vetting()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:besa:problem:unusable-file"))
                .andExpect(jsonPath("$.problems[0]").value(org.hamcrest.Matchers.startsWith("columns.shoeSize: no such field")));
        mvc.perform(importCsv("register", "NR,EMRI\n1,x\n").param("mapping", "columns:\n  officerId: NR\n").with(vetting()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.problems.length()").value(2)); // given_name and surname missing
        mvc.perform(importCsv("roster", "a\n").with(vetting()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("kind"));
        mvc.perform(importCsv("duties", "a\n").param("wholeRegister", "true").with(vetting())).andExpect(status().isBadRequest());
    }

    @Test
    void theListSearchesByNameAndPages() throws Exception {
        String a = unique("PAGE");
        mvc.perform(importCsv("register", REGISTER_HEADER + registerRow(a, "Xhevdet", "", "")).with(vetting())).andExpect(status().isOk());
        mvc.perform(get("/api/vetting/personnel").param("q", "xhevdet ilir").with(vetting()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.id == '" + a + "')]").exists())
                .andExpect(jsonPath("$.size").value(50));
        mvc.perform(get("/api/vetting/personnel").param("size", "500").with(vetting()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("size"));
    }
}
