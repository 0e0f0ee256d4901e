package besa.exchange.hit;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The hits bundle: every text in Albanian and English, and every key the pages name exists. */
class HitMessagesTest {
    @Test
    void everyMessageIsInBothLanguagesAndEveryKeyUsedExists() throws Exception {
        Properties en = load("i18n/hits.properties"), sq = load("i18n/hits_sq.properties");
        assertThat(sq.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        assertThat(en.stringPropertyNames()).allMatch(k -> k.startsWith("hits."));
        Set<String> used = new TreeSet<>();
        Pattern key = Pattern.compile("hits\\.[A-Za-z_.]+[A-Za-z_]");
        for (String page : new String[] {"hits.html", "hit-releases.html", "crossmatch.html", "crossmatch-session.html"}) {
            String html = Files.readString(Path.of("src/main/resources/templates/exchange", page));
            Matcher m = key.matcher(html);
            while (m.find()) used.add(m.group());
        }
        // Keys built from an enum value: each value must have its text.
        for (String prefix : new String[] {"hits.kind.", "hits.state.", "hits.request.", "hits.priority.", "hits.xm.role.", "hits.xm.status.", "hits.xm.method.",
                "hits.limits.kind.", "hits.limits.limit."}) {
            used.removeIf(k -> k.equals(prefix.substring(0, prefix.length() - 1)));
        }
        for (HitQuery.Kind k : HitQuery.Kind.values()) used.add("hits.kind." + k);
        for (Hits.State s : Hits.State.values()) used.add("hits.state." + s);
        for (String s : new String[] {"WAITING", "OVERDUE", "RELEASED", "REFUSED"}) used.add("hits.request." + s);
        for (String s : new String[] {"SENT", "DONE", "REFUSED", "LOST", "LIMITED"}) used.add("hits.xm.status." + s);
        for (PartnerLimits.Kind k : PartnerLimits.Kind.values()) used.add("hits.limits.kind." + k);
        for (PartnerLimits.Limit l : PartnerLimits.Limit.values()) used.add("hits.limits.limit." + l);
        for (CrossMatch.Method m : CrossMatch.Method.values()) used.add("hits.xm.method." + m);
        assertThat(en.stringPropertyNames()).containsAll(used);
    }

    private static Properties load(String path) throws Exception {
        Properties p = new Properties();
        try (var in = HitMessagesTest.class.getClassLoader().getResourceAsStream(path)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
