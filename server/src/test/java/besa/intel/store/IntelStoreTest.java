package besa.intel.store;

import static org.assertj.core.api.Assertions.assertThat;

import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class IntelStoreTest {
    @Autowired IntelStore store;
    @Autowired JdbcClient jdbc;

    @Test
    void storesStatementsWithProvenanceAndNeverDuplicatesThem() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        store.saveSource(new Source("europol-" + run, "Europol SIENA extract", "EUROPOL", "Europol Regulation art. 18"));
        Provenance p = new Provenance("europol-" + run, "r1", "EUROPOL", "Europol Regulation art. 18", null, null,
                Grading.parse("B2"), Handling.H2, null);
        String person = "p-" + run, phone = "ph-" + run, uses = "u-" + run;
        List<EntityRecord> records = List.of(
                new EntityRecord(person, EntityType.Person, List.of(new Statement(person, "name", "Arben Hoxha", "Arben Hoxha", p))),
                new EntityRecord(phone, EntityType.Phone, List.of(new Statement(phone, "number", "+355691234567", "069 123 4567", p))),
                new EntityRecord(uses, EntityType.Uses, List.of(
                        new Statement(uses, "subject", person, person, p), new Statement(uses, "object", phone, phone, p))));
        store.save(records);
        store.save(records);

        EntityView view = store.find(person).orElseThrow();
        assertThat(view.caption()).isEqualTo("Arben Hoxha");
        assertThat(view.statements()).singleElement().satisfies(s -> {
            assertThat(s.provenance().grading().code()).isEqualTo("B2");
            assertThat(s.provenance().handling()).isEqualTo(Handling.H2);
            assertThat(s.provenance().originator()).isEqualTo("EUROPOL");
        });
        assertThat(view.edges()).singleElement().satisfies(e -> {
            assertThat(e.otherId()).isEqualTo(phone);
            assertThat(e.outgoing()).isTrue();
            assertThat(e.otherCaption()).isEqualTo("069 123 4567");
        });
        assertThat(jdbc.sql("select key from search_key where entity_id = ? and kind = 'phone'").param(phone)
                .query(String.class).list()).containsExactly("+355691234567");
        assertThat(store.find("missing-" + run)).isEmpty();
    }

    /** Bulk writes fire the table triggers too: the typo-search vocabulary learns every new spelling. */
    @Test
    void bulkWritesKeepTheSearchVocabularyInStep() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String surname = "zqx" + run.replaceAll("[0-9-]", "").toLowerCase() + "ovska";
        store.saveSource(new Source("tnp-" + run, "TNP list", "TNP", "bilateral agreement"));
        Provenance p = new Provenance("tnp-" + run, "r1", "TNP", "bilateral agreement", null, null, Grading.parse("C3"), Handling.H1, null);
        String person = "p2-" + run;
        store.save(List.of(new EntityRecord(person, EntityType.Person, List.of(
                new Statement(person, "name", "Ilir " + surname, "Ilir " + surname, p)))));
        assertThat(jdbc.sql("select count(*) from name_term where term = ?").param(surname).query(Long.class).single()).isEqualTo(1L);
    }
}
