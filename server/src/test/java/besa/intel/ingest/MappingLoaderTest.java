package besa.intel.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import besa.intel.model.EntityType;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingLoaderTest {
    @Test
    void readsTheSampleMapping() {
        Mapping m = MappingLoader.load(Samples.text("persons.yaml"));
        assertThat(m.source().id()).isEqualTo("tnp-extract");
        assertThat(m.source().evaluation().constant()).isEqualTo("B2");
        assertThat(m.source().firstSeen().column()).isEqualTo("seen");
        assertThat(m.source().reviewDue().constant()).isEqualTo("2027-07-01");
        assertThat(m.separator()).isEqualTo(";");
        assertThat(m.entities()).extracting(Mapping.Part::type).containsExactly(EntityType.Person, EntityType.Phone, EntityType.Organization);
        assertThat(m.relations()).extracting(Mapping.Part::name).containsExactly("person-uses-phone", "person-membership-group");
        assertThat(m.entities().get(0).properties().get("nationality").constant()).isEqualTo("AL");
        assertThat(m.columns()).containsExactly("ref", "seen", "full_name", "born", "aliases", "phones", "group", "role");
    }

    @Test
    void reportsEveryProblemOfABadMappingAtOnce() {
        assertThatThrownBy(() -> MappingLoader.load(Samples.text("mapping-bad.yaml")))
                .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.problems()).satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith("entities[0].type: unknown entity type 'Persn'"),
                        p -> assertThat(p).startsWith("entities[1].properties.colour: Phone has no property 'colour'"),
                        p -> assertThat(p).isEqualTo("relations.person-uses-laptop: 'laptop' is not the name of an entity in this mapping")));
    }

    @Test
    void reportsColumnsMissingFromTheHeader() {
        Mapping m = MappingLoader.load(Samples.text("persons.yaml"));
        assertThat(m.checkHeader(List.of("ref", "full_name", "born", "phones", "group", "role", "seen")))
                .containsExactly("column 'aliases' is not in the file's header [ref, full_name, born, phones, group, role, seen]");
    }

    @Test
    void refusesBadConstantsAndKeepsNorwayAsText() {
        assertThatThrownBy(() -> MappingLoader.load("""
                source: {id: x, title: t, originator: o, legalBasis: l, evaluation: Z9, handling: H7}
                recordId: id
                entities: [{type: Person, properties: {nationality: {constant: NO}}}]
                """)).isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.problems()).containsExactly(
                "source.evaluation: source reliability must be A, B, C or X, not Z",
                "source.handling: handling code must be H0, H1, H2 or H3, not 'H7'"));
        Mapping m = MappingLoader.load("""
                source: {id: x, title: t, originator: o, legalBasis: l, evaluation: B2, handling: H0}
                recordId: id
                entities: [{type: Person, properties: {nationality: {constant: NO}}}]
                """);
        assertThat(m.entities().getFirst().properties().get("nationality").constant()).isEqualTo("NO");
    }
}
