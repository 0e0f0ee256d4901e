package besa.intel.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import besa.intel.model.EntityType;
import besa.intel.model.Handling;
import besa.intel.model.Statement;
import besa.intel.store.EntityView;
import besa.intel.store.IntelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class CsvImportTest {
    @Autowired Ingestion ingestion;
    @Autowired IntelStore store;
    @Autowired JdbcClient jdbc;
    @TempDir Path dir;

    @Test
    void importsPeoplePhonesAndGroupsWithProvenance() {
        String run = Samples.run();
        List<ImportProgress> progress = new ArrayList<>();
        ImportResult r = ingestion.importCsv(Samples.copy(dir, "persons.csv"), Samples.mapping(run),
                new ImportOptions(false, null, progress::add));

        assertThat(r.status()).isEqualTo(ImportResult.Status.COMPLETED);
        assertThat(r.rows()).isEqualTo(3);
        assertThat(r.rowsImported()).isEqualTo(3);
        assertThat(r.errors()).isEmpty();
        assertThat(progress).extracting(ImportProgress::phase).containsExactly("writing", "done");
        assertThat(progress.getLast().rows()).isEqualTo(3);

        String arben = personId(run, "Arben Hoxha");
        EntityView view = store.find(arben).orElseThrow();
        assertThat(view.caption()).isEqualTo("Arben Hoxha");
        var props = view.byProperty();
        assertThat(props.get("birthDate")).extracting(Statement::value).containsExactly("1985-03-12");
        assertThat(props.get("alias")).extracting(Statement::value).containsExactlyInAnyOrder("Beni", "Zogu");
        assertThat(props.get("nationality")).extracting(Statement::value).containsExactly("AL");
        Statement name = props.get("name").getFirst();
        assertThat(name.provenance().sourceId()).isEqualTo("tnp-extract-" + run);
        assertThat(name.provenance().recordKey()).isEqualTo("TNP-001");
        assertThat(name.provenance().originator()).isEqualTo("TNP");
        assertThat(name.provenance().grading().code()).isEqualTo("B2");
        assertThat(name.provenance().handling()).isEqualTo(Handling.H1);
        assertThat(name.provenance().firstSeen()).isEqualTo(LocalDate.of(2024, 5, 1));
        assertThat(name.provenance().reviewDue()).isEqualTo(LocalDate.of(2027, 7, 1));

        // One phone entity with both numbers, one shared group for the two members.
        assertThat(view.edges()).extracting(EntityView.Edge::type).containsExactlyInAnyOrder(EntityType.Membership, EntityType.Uses);
        String phone = view.edges().stream().filter(e -> e.type() == EntityType.Uses).findFirst().orElseThrow().otherId();
        assertThat(store.find(phone).orElseThrow().statements()).extracting(Statement::value)
                .containsExactlyInAnyOrder("+355691234567", "+355687654321");
        String group = view.edges().stream().filter(e -> e.type() == EntityType.Membership).findFirst().orElseThrow().otherId();
        assertThat(store.find(group).orElseThrow().edges()).hasSize(2);
        assertThat(jdbc.sql("select count(*) from search_key where entity_id = ? and kind = 'phone'").param(phone)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void reImportingTheSameFileChangesNothing() {
        String run = Samples.run();
        Path csv = Samples.copy(dir, "persons.csv");
        ImportResult first = ingestion.importCsv(csv, Samples.mapping(run), ImportOptions.defaults());
        long before = statements(run), entities = count("select count(*) from entity"), keys = count("select count(*) from search_key");

        ImportResult again = ingestion.importCsv(csv, Samples.mapping(run), ImportOptions.defaults());

        assertThat(first.statementsAdded()).isEqualTo(before).isPositive();
        assertThat(again.statementsAdded()).isZero();
        assertThat(again.statementsRetired()).isZero();
        assertThat(again.entitiesAdded()).isZero();
        assertThat(statements(run)).isEqualTo(before);
        assertThat(count("select count(*) from statement where source_id = 'tnp-extract-" + run + "'")).isEqualTo(before);
        assertThat(count("select count(*) from entity")).isEqualTo(entities);
        assertThat(count("select count(*) from search_key")).isEqualTo(keys);
    }

    @Test
    void anUpdatedFileRetiresWhatItNoLongerSaysAndAddsWhatIsNew() throws Exception {
        String run = Samples.run();
        ingestion.importCsv(Samples.copy(dir, "persons.csv"), Samples.mapping(run), ImportOptions.defaults());
        Path v2 = dir.resolve("persons.csv");
        Files.writeString(v2, Samples.text("persons-v2.csv"), java.nio.charset.StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        long before = statements(run);

        ImportResult r = ingestion.importCsv(v2, Samples.mapping(run), ImportOptions.defaults());

        // TNP-001 lost the alias Zogu and the number +355 68 765 4321, and gained +355 69 999 8888;
        // TNP-002 left the group (its membership's subject, object and role are retired, the edge goes).
        assertThat(r.statementsRetired()).isEqualTo(5);
        assertThat(r.statementsAdded()).isEqualTo(1);
        assertThat(statements(run)).isEqualTo(before - 4);
        String arben = personId(run, "Arben Hoxha");
        String group = groupOf(arben);
        assertThat(store.find(group).orElseThrow().edges()).singleElement().satisfies(e -> assertThat(e.otherId()).isEqualTo(arben));
        assertThat(store.find(personId(run, "Dritan Çela")).orElseThrow().edges()).extracting(EntityView.Edge::type)
                .containsExactly(EntityType.Uses);
        assertThat(store.find(arben).orElseThrow().byProperty().get("alias")).extracting(Statement::value).containsExactly("Beni");
        assertThat(jdbc.sql("select count(*) from statement where source_id = ? and value = 'Zogu' and retired_at is not null")
                .param("tnp-extract-" + run).query(Long.class).single()).as("retired, never deleted").isEqualTo(1);

        // Going back to the first version brings the retired values back rather than duplicating them.
        Files.writeString(v2, Samples.text("persons.csv"), java.nio.charset.StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        ImportResult back = ingestion.importCsv(v2, Samples.mapping(run), ImportOptions.defaults());
        assertThat(back.statementsRestored()).isEqualTo(5);
        assertThat(back.statementsRetired()).isEqualTo(1);
        assertThat(back.statementsAdded()).isZero();
        assertThat(statements(run)).isEqualTo(before);
        assertThat(store.find(group).orElseThrow().edges()).hasSize(2);
    }

    @Test
    void aBadRowIsReportedAndRollsBackTheWholeFile() {
        String run = Samples.run();
        ImportResult r = ingestion.importCsv(Samples.copy(dir, "persons-bad.csv"), Samples.mapping(run), ImportOptions.defaults());

        assertThat(r.status()).isEqualTo(ImportResult.Status.ROLLED_BACK);
        assertThat(r.rows()).isEqualTo(4);
        assertThat(r.rowsImported()).isZero();
        assertThat(r.errors()).containsExactly(
                new RowError("persons-bad.csv", 3, "born", "'31.02.1991': not a date: expected 1985-03-12, 12.03.1985, 12/03/1985, 1985-03 or 1985"),
                new RowError("persons-bad.csv", 4, "phones", "'12': not a phone number: expected e.g. +355 69 123 4567 or 069 123 4567"));
        assertThat(statements(run)).isZero();
        assertThat(count("select count(*) from source where id = 'tnp-extract-" + run + "'")).as("nothing from the file is stored").isZero();
    }

    @Test
    void skipInvalidKeepsTheGoodRowsAndWritesTheRejects() throws Exception {
        String run = Samples.run();
        Path rejects = dir.resolve("rejects.csv");
        ImportResult r = ingestion.importCsv(Samples.copy(dir, "persons-bad.csv"), Samples.mapping(run),
                new ImportOptions(true, rejects, null));

        assertThat(r.status()).isEqualTo(ImportResult.Status.COMPLETED);
        assertThat(r.rowsImported()).isEqualTo(2);
        assertThat(r.rowsRejected()).isEqualTo(2);
        assertThat(jdbc.sql("select distinct record_key from statement where source_id = ? order by 1").param("tnp-extract-" + run)
                .query(String.class).list()).containsExactly("TNP-101", "TNP-104");
        try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(rejects))) {
            assertThat(parser.getHeaderNames()).endsWith("seen", "reject_row", "reject_column", "reject_reason");
            var rows = parser.getRecords();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get("ref")).isEqualTo("TNP-102");
            assertThat(rows.get(0).get("born")).isEqualTo("31.02.1991");
            assertThat(rows.get(0).get("reject_row")).isEqualTo("3");
            assertThat(rows.get(0).get("reject_column")).isEqualTo("born");
            assertThat(rows.get(1).get("reject_reason")).startsWith("'12': not a phone number");
        }
    }

    @Test
    void theRejectsFileNeutralisesCellsThatWouldStartASpreadsheetFormula() throws Exception {
        String run = Samples.run();
        Path csv = dir.resolve("persons-injection.csv");
        Files.writeString(csv, """
                ref,full_name,born,aliases,phones,group,role,seen
                TNP-201,=HYPERLINK("http://evil";"Arben Hoxha"),31.02.1991,@SUM(1),069 333 4444,,,2024-05-01
                TNP-202,Shkëlzen Çela,1970,-Çela,+12,,,2024-05-01
                """);
        Path rejects = dir.resolve("rejects-injection.csv");
        ingestion.importCsv(csv, Samples.mapping(run), new ImportOptions(true, rejects, null));
        try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(Files.newBufferedReader(rejects))) {
            var rows = parser.getRecords();
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).get("full_name")).isEqualTo("'=HYPERLINK(\"http://evil\";\"Arben Hoxha\")");
            assertThat(rows.get(0).get("aliases")).isEqualTo("'@SUM(1)");
            assertThat(rows.get(1).get("full_name")).isEqualTo("Shkëlzen Çela");
            assertThat(rows.get(1).get("aliases")).isEqualTo("'-Çela");
            assertThat(rows.get(1).get("phones")).isEqualTo("'+12");
            // The reason quotes the value; it starts with the value's quote, not a formula.
            assertThat(rows.get(1).get("reject_reason")).startsWith("'+12': not a phone number");
        }
    }

    @Test
    void aMappingThatDoesNotFitTheFileIsRefusedBeforeAnythingIsRead() throws Exception {
        Path csv = dir.resolve("other.csv");
        Files.writeString(csv, "ref,name\n1,Arben\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ingestion.importCsv(csv, Samples.mapping(Samples.run()), ImportOptions.defaults()))
                .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.problems()).contains(
                        "column 'full_name' is not in the file's header [ref, name]", "column 'phones' is not in the file's header [ref, name]"));
    }

    private String personId(String run, String caption) {
        return jdbc.sql("""
                select distinct e.id from entity e join statement s on s.entity_id = e.id
                where s.source_id = ? and e.type = 'Person' and e.caption = ?""").param("tnp-extract-" + run).param(caption)
                .query(String.class).single();
    }

    private String groupOf(String person) {
        return store.find(person).orElseThrow().edges().stream().filter(e -> e.type() == EntityType.Membership)
                .findFirst().orElseThrow().otherId();
    }

    private long statements(String run) {
        return jdbc.sql("select count(*) from statement where source_id = ? and retired_at is null").param("tnp-extract-" + run)
                .query(Long.class).single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
