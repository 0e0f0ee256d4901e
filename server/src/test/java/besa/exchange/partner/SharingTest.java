package besa.exchange.partner;

import static org.assertj.core.api.Assertions.assertThat;

import besa.exchange.envelope.Payload;
import besa.exchange.envelope.SharedEntity;
import besa.exchange.envelope.SharedStatement;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sharing narrows: a category outside the agreement or a handling code above its maximum is refused. */
class SharingTest {
    final Agreement agreement = new Agreement("tnp", EnumSet.of(Category.PERSON, Category.VETTING_LEAD), "MoU 2023", HandlingCode.H2, false);

    static Payload entity(Category c, HandlingCode... codes) {
        var st = java.util.Arrays.stream(codes).map(h -> new SharedStatement("name", "X", "ASP", "src", "law", "B2", h)).toList();
        return new Payload("", List.of(new SharedEntity("e1", "Person", c, "X", st)));
    }

    @Test
    void allowsWhatTheAgreementCovers() {
        assertThat(Sharing.violation(agreement, entity(Category.PERSON, HandlingCode.H0, HandlingCode.H2))).isEmpty();
        assertThat(Sharing.violation(agreement, new Payload("note only", List.of()))).isEmpty();
    }

    @Test
    void refusesOtherCategoriesAndStricterHandling() {
        assertThat(Sharing.violation(agreement, entity(Category.CYBER_INDICATOR, HandlingCode.H0))).get().asString().contains("CYBER_INDICATOR");
        assertThat(Sharing.violation(agreement, entity(Category.PERSON, HandlingCode.H1, HandlingCode.H3))).get().asString()
                .contains("H3").contains("H2");
    }

    @Test
    void refusesAnEntityLabelledWithAnotherTypesCategory() {
        var organisationAsPerson = new Payload("", List.of(new SharedEntity("o1", "Organization", Category.PERSON, "Group", List.of())));
        assertThat(Sharing.violation(agreement, organisationAsPerson)).get().asString().contains("Organization").contains("ORGANISATION");
        var indicator = new Payload("", List.of(new SharedEntity("i1", "Indicator", Category.CYBER_INDICATOR, "ip", List.of())));
        assertThat(Sharing.violation(new Agreement("cert", EnumSet.of(Category.CYBER_INDICATOR), "MoU", HandlingCode.H1, false), indicator)).isEmpty();
        assertThat(Category.PERSON.entityTypes()).contains(besa.intel.model.EntityType.Phone).doesNotContain(besa.intel.model.EntityType.Indicator);
    }

    @Test
    void handlingCodesOrderFromOpenToRestricted() {
        assertThat(HandlingCode.H1.atMost(HandlingCode.H2)).isTrue();
        assertThat(HandlingCode.H3.atMost(HandlingCode.H2)).isFalse();
        assertThat(HandlingCode.of(2)).isEqualTo(HandlingCode.H2);
    }
}
