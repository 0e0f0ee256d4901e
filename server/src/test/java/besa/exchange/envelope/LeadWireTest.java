package besa.exchange.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import besa.exchange.partner.Agreement;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.Sharing;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A vetting lead as it travels (LeadWire): only its fields, checked by Contents and Sharing on both sides. */
class LeadWireTest {
    static final LeadWire.Lead LEAD = new LeadWire.Lead("EU-SKY-1", "Europol", "Europol Regulation art. 18", HandlingCode.H2, "SKY_ECC", "PHONE",
            "+355691234567", "co-located with the issued phone");

    @Test
    void aLeadTravelsAsItsFieldsOnlyAndComesBackTheSame() {
        SharedEntity e = LeadWire.entity(LEAD);
        assertThat(e.type()).isEqualTo("VettingLead");
        assertThat(e.category()).isEqualTo(Category.VETTING_LEAD);
        assertThat(e.id()).matches("lead-[0-9a-f]{32}").isEqualTo(LeadWire.entity(LEAD).id());
        assertThat(e.statements()).extracting(SharedStatement::prop).containsExactly("reference", "kind", "value", "platform", "attribution");
        assertThat(e.statements()).allMatch(s -> s.handling() == HandlingCode.H2 && s.originator().equals("Europol") && s.evaluation().isEmpty());
        assertThat(LeadWire.lead(e)).isEqualTo(LEAD);
        Payload p = new Payload("", List.of(e));
        assertThat(Contents.problem(p)).isEmpty();
        assertThat(LeadWire.carriesLeads(p)).isTrue();
        Agreement covers = new Agreement("b", EnumSet.of(Category.VETTING_LEAD), "MoU", HandlingCode.H2, false);
        assertThat(Sharing.violation(covers, p)).isEmpty();
        assertThat(Sharing.violation(new Agreement("b", EnumSet.of(Category.VETTING_LEAD), "MoU", HandlingCode.H1, false), p)).get().asString()
                .contains("above the agreement's maximum H1");
        assertThat(Sharing.violation(new Agreement("b", EnumSet.of(Category.PERSON), "MoU", HandlingCode.H3, false), p)).get().asString()
                .contains("does not cover");
    }

    @Test
    void badLeadsAreRefusedNamingTheFieldNeverTheValue() {
        SharedEntity good = LeadWire.entity(LEAD);
        assertThat(problem(with(good, new SharedStatement("entityId", "E-1", "Europol", "vetting-lead", "Europol Regulation art. 18", "", HandlingCode.H2))))
                .contains("no such field");
        assertThat(problem(new SharedEntity(good.id(), good.type(), good.category(), "", good.statements().subList(0, 3)))).contains("no attribution");
        List<SharedStatement> badKind = new ArrayList<>(good.statements());
        badKind.set(1, new SharedStatement("kind", "SECRET", "Europol", "vetting-lead", "Europol Regulation art. 18", "", HandlingCode.H2));
        assertThat(problem(new SharedEntity(good.id(), good.type(), good.category(), "", badKind))).contains("not a lead kind");
        List<SharedStatement> mixed = new ArrayList<>(good.statements());
        mixed.set(2, new SharedStatement("value", "+355691234567", "Europol", "vetting-lead", "Europol Regulation art. 18", "", HandlingCode.H0));
        assertThat(problem(new SharedEntity(good.id(), good.type(), good.category(), "", mixed))).contains("same originator, legal basis and handling")
                .doesNotContain("+355");
        // A lead labelled as something else (or a person labelled as a lead) does not pass the agreement.
        Agreement all = new Agreement("b", EnumSet.allOf(Category.class), "MoU", HandlingCode.H3, false);
        assertThat(Sharing.violation(all, new Payload("", List.of(new SharedEntity(good.id(), "VettingLead", Category.PERSON, "", good.statements())))))
                .isPresent();
        assertThat(problem(new SharedEntity(good.id(), "Person", Category.VETTING_LEAD, "", good.statements()))).contains("travels as type VettingLead");
    }

    static SharedEntity with(SharedEntity e, SharedStatement extra) {
        List<SharedStatement> st = new ArrayList<>(e.statements());
        st.add(extra);
        return new SharedEntity(e.id(), e.type(), e.category(), e.caption(), st);
    }

    static String problem(SharedEntity e) {
        return Contents.problem(new Payload("", List.of(e))).orElse("");
    }
}
