package besa.vetting.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every case text exists in Albanian and English, and every fixed key the case pages use exists. */
class CaseMessagesTest {
    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (var in = new InputStreamReader(CaseMessagesTest.class.getResourceAsStream("/i18n/" + name), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndThePagesFindTheirs() throws IOException {
        Properties en = load("cases.properties");
        Properties sq = load("cases_sq.properties");
        assertThat(sq.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        assertThat(en.stringPropertyNames()).allMatch(k -> k.startsWith("cases."));
        Set<String> used = new TreeSet<>();
        Pattern key = Pattern.compile("#\\{(cases\\.[A-Za-z.]+)[}(]");
        for (String page : new String[] {"case.html", "cases.html"}) {
            Matcher m = key.matcher(Files.readString(Path.of("src/main/resources/templates/vetting", page)));
            while (m.find()) used.add(m.group(1));
        }
        assertThat(used).isNotEmpty();
        assertThat(en.stringPropertyNames()).containsAll(used);
        // Enum-driven keys (pillars, findings, outcomes, kinds, decisions) exist for every value.
        for (Pillar p : Pillar.values()) assertThat(en).containsKey("cases.pillar." + p.name());
        for (PillarFinding f : PillarFinding.values()) assertThat(en).containsKey("cases.finding." + f.name());
        for (Outcome o : Outcome.values()) assertThat(en).containsKey("cases.outcome." + o.name());
        for (EvidenceKind k : EvidenceKind.values()) assertThat(en).containsKey("cases.evidence.kind." + k.name());
        for (String d : new String[] {"OPEN", "FINDING", "OUTCOME", "MEMBER_ADDED", "MEMBER_REMOVED", "EVIDENCE", "EXPORT"}) {
            assertThat(en).containsKey("cases.decision." + d);
        }
    }
}
