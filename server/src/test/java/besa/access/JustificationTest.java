package besa.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class JustificationTest {
    @Test
    void readsTheThreeFormsAndWritesThemBack() {
        assertThat(Justification.parse("CASE 2026/0142")).isEqualTo(new Justification(Justification.Kind.CASE, "2026/0142", ""));
        assertThat(Justification.parse(" operation OP-17 ").toString()).isEqualTo("OPERATION OP-17");
        Justification r = Justification.parse("REASON intel_analysis:  links of group X ");
        assertThat(r.reference()).isEqualTo("INTEL_ANALYSIS");
        assertThat(r.text()).isEqualTo("links of group X");
        assertThat(Justification.parse(r.toString())).isEqualTo(r);
    }

    @Test
    void refusesWhatIsNotAJustificationSayingWhy() {
        assertThatThrownBy(() -> Justification.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Justification.parse("BECAUSE I can")).hasMessageContaining("'BECAUSE' is not CASE, OPERATION or REASON");
        assertThatThrownBy(() -> Justification.parse("REASON GOSSIP: x")).hasMessageContaining("'GOSSIP' is not a reason code");
        assertThatThrownBy(() -> Justification.parse("REASON DATA_QUALITY")).hasMessageContaining("free text after a colon");
        assertThatThrownBy(() -> Justification.parse("REASON DATA_QUALITY: ok")).hasMessageContaining("5 characters");
        assertThatThrownBy(() -> Justification.parse("CASE")).hasMessageContaining("not a case or operation reference");
        assertThatThrownBy(() -> Justification.parse("CASE a b")).hasMessageContaining("not a case or operation reference");
        assertThatThrownBy(() -> Justification.parse("REASON DATA_QUALITY: line\nbreak")).hasMessageContaining("control characters");
    }

    @Test
    void theDocumentedFormatListsEveryReasonCode() {
        Arrays.stream(Justification.ReasonCode.values()).forEach(c -> assertThat(Justification.FORMAT).contains(c.name()));
        assertThat(Justification.FORMAT.split(",")).hasSize(Justification.ReasonCode.values().length + 1);
    }
}
