package besa.exchange.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A message carrying vetting leads carries nothing else (Contents, checked by Exchange.send before sealing and by the
 * Inbox before storing, each refusal audited there): a file or an entity beside H3 leads would otherwise be read
 * under the handling codes of what liaison officers see once the leads are left out of their view.
 */
class LeadsTravelAloneTest {
    static final SharedEntity LEAD = LeadWire.entity(new LeadWire.Lead("EU-1", "Europol", "Europol Regulation art. 18", HandlingCode.H3, null, "PHONE",
            "+355691234567", "co-located with the issued phone"));
    static final SharedEntity PERSON = new SharedEntity("p-1", "Person", Category.PERSON, "A",
            List.of(new SharedStatement("name", "Arben Hoxha", "ASP", "case-1", "Law 108/2014", "B2", HandlingCode.H0)));
    static final SharedAttachment FILE = new SharedAttachment(UUID.randomUUID(), "dossier.pdf", "application/pdf", 10, "a".repeat(64), "b".repeat(64), null);

    @Test
    void leadsAloneTravel() {
        assertThat(Contents.problem(new Payload("", List.of(LEAD)))).isEmpty();
        assertThat(Contents.problem(new Payload("", List.of(PERSON), List.of(FILE)))).isEmpty();
    }

    @Test
    void leadsWithAFileAreRefused() {
        assertThat(Contents.problem(new Payload("", List.of(LEAD), List.of(FILE)))).get().asString()
                .contains("vetting leads carries nothing else");
    }

    @Test
    void leadsWithAnotherEntityAreRefused() {
        assertThat(Contents.problem(new Payload("", List.of(PERSON, LEAD)))).get().asString().contains("vetting leads carries nothing else");
    }
}
