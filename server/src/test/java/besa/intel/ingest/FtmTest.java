package besa.intel.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Statement;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@SpringBootTest
class FtmTest {
    @Autowired Ingestion ingestion;
    @Autowired IntelStore store;
    @Autowired JdbcClient jdbc;
    @TempDir Path dir;

    @Test
    void besaToFtmToBesaLosesNothingIncludingProvenance() throws Exception {
        String run = Samples.run(), source = "tnp-extract-" + run;
        ingestion.importCsv(Samples.copy(dir, "persons.csv"), Samples.mapping(run), ImportOptions.defaults());
        String export = export(source);
        List<String> lines = export.lines().toList();
        assertThat(lines).hasSize(12); // 3 people, 3 phones, 1 group, 3 Uses, 2 Memberships

        // Every exported line reads back into exactly the statements the store holds, provenance included.
        FtmReader reader = new FtmReader("export.jsonl", null);
        for (int i = 0; i < lines.size(); i++) {
            FtmReader.Result r = reader.read(i + 1, lines.get(i));
            assertThat(r.errors()).isEmpty();
            var view = store.find(r.record().id()).orElseThrow();
            assertThat(r.record().type()).isEqualTo(view.type());
            assertThat(sorted(r.record().statements())).isEqualTo(sorted(view.statements()));
        }

        // Importing the export changes nothing, and exporting again gives the same file.
        Path file = dir.resolve("export.jsonl");
        Files.writeString(file, export);
        ImportResult again = ingestion.importFtm(file, "export.jsonl", null, ImportOptions.defaults());
        assertThat(again.status()).isEqualTo(ImportResult.Status.COMPLETED);
        assertThat(again.statementsAdded()).isZero();
        assertThat(again.statementsRetired()).isZero();
        assertThat(export(source)).isEqualTo(export);
    }

    @Test
    void writesFtmSchemataAndPropertiesWithDatasetsAndBesaProvenance() throws Exception {
        String run = Samples.run(), source = "tnp-extract-" + run;
        ingestion.importCsv(Samples.copy(dir, "persons.csv"), Samples.mapping(run), ImportOptions.defaults());
        List<JsonNode> lines = export(source).lines().map(l -> FtmReader.JSON.readTree(l)).toList();

        JsonNode arben = lines.stream().filter(n -> n.path("properties").path("name").path(0).asString("").equals("Arben Hoxha"))
                .findFirst().orElseThrow();
        assertThat(arben.path("schema").asString()).isEqualTo("Person");
        assertThat(arben.path("properties").path("nationality").path(0).asString()).isEqualTo("al");
        assertThat(arben.path("datasets").path(0).asString()).isEqualTo(source);
        JsonNode st = arben.path("besa").path("statements").path(0);
        assertThat(st.path("evaluation").asString()).isEqualTo("B2");
        assertThat(st.path("handling").asString()).isEqualTo("H1");
        assertThat(st.path("record").asString()).isEqualTo("TNP-001");
        assertThat(lines).extracting(n -> n.path("schema").asString())
                .contains("besa:Phone", "UnknownLink", "Membership", "Organization");
        JsonNode membership = lines.stream().filter(n -> n.path("schema").asString().equals("Membership")).findFirst().orElseThrow();
        assertThat(membership.path("properties").path("member").path(0).asString()).startsWith("person-");
        assertThat(membership.path("properties").path("organization").path(0).asString()).startsWith("organization-");
        JsonNode uses = lines.stream().filter(n -> n.path("schema").asString().equals("UnknownLink")).findFirst().orElseThrow();
        assertThat(uses.path("properties").path("role").path(0).asString()).isEqualTo("uses");
        assertThat(uses.path("besa").path("type").asString()).isEqualTo("Uses");
    }

    @Test
    void importsPlainFtmWithTheProvenanceGivenForTheFile() throws Exception {
        String run = Samples.run();
        Path file = dir.resolve("partner.ftm.jsonl");
        Files.writeString(file, Samples.text("partner.ftm.jsonl").replace("tnp-", "tnp-" + run + "-"));
        FtmDefaults defaults = new FtmDefaults(new Source("tnp-ftm-" + run, "TNP FtM extract", "TNP", "AL-TR agreement art. 5"),
                Grading.parse("B3"), Handling.H2);

        ImportResult r = ingestion.importFtm(file, "partner.ftm.jsonl", defaults, ImportOptions.defaults());

        assertThat(r.status()).isEqualTo(ImportResult.Status.COMPLETED);
        assertThat(r.rows()).isEqualTo(3);
        var person = store.find("tnp-" + run + "-p-1").orElseThrow();
        assertThat(person.type()).isEqualTo(EntityType.Person);
        var props = person.byProperty();
        assertThat(props.get("nationality")).extracting(Statement::value).containsExactly("AL");
        assertThat(props.get("notes")).extracting(Statement::value).containsExactly("topics: crime");
        assertThat(props.get("name").getFirst().provenance().grading().code()).isEqualTo("B3");
        assertThat(props.get("name").getFirst().provenance().recordKey()).isEqualTo("tnp-" + run + "-p-1");
        assertThat(person.edges()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EntityType.Membership);
            assertThat(e.otherCaption()).isEqualTo("Banda e Lushnjës");
        });
    }

    @Test
    void aBadFtmLineIsReportedWithItsLineAndProperty() throws Exception {
        String run = Samples.run();
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, """
                {"id": "x-%1$s-1", "schema": "Person", "properties": {"name": ["Erion Dervishi"]}}
                {"id": "x-%1$s-2", "schema": "Person", "properties": {"birthDate": ["yesterday"]}}
                {"id": "x-%1$s-3", "schema": "Airplane", "properties": {"name": ["ZA-123"]}}
                """.formatted(run));
        FtmDefaults defaults = new FtmDefaults(new Source("x-" + run, "x", "TEST", "test"), Grading.parse("C3"), Handling.H0);

        ImportResult r = ingestion.importFtm(file, "bad.jsonl", defaults, ImportOptions.defaults());

        assertThat(r.status()).isEqualTo(ImportResult.Status.ROLLED_BACK);
        assertThat(r.errors()).extracting(RowError::row, RowError::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "properties.birthDate"), org.assertj.core.groups.Tuple.tuple(3L, "schema"));
        assertThat(store.find("x-" + run + "-1")).isEmpty();
    }

    private String export(String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ingestion.exportFtm(source, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> sorted(List<Statement> statements) {
        return statements.stream().map(Statement::toString).sorted(Comparator.naturalOrder()).toList();
    }
}
