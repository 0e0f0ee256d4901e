package besa.vetting.personnel;

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

/** The personnel and lead pages speak both languages: every key in English and Albanian, every key the templates use defined. */
class PersonnelMessagesTest {
    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (var in = new InputStreamReader(PersonnelMessagesTest.class.getResourceAsStream("/i18n/" + name), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void everyKeyInBothLanguagesAndEveryTemplateKeyDefined() throws Exception {
        Properties en = load("personnel.properties");
        Properties sq = load("personnel_sq.properties");
        assertThat(sq.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        assertThat(en.stringPropertyNames()).allMatch(k -> k.startsWith("personnel."));
        assertThat(sq.getProperty("personnel.officer.fatherName")).isEqualTo("Atësia");

        Set<String> used = new TreeSet<>();
        Pattern key = Pattern.compile("#\\{(personnel\\.[A-Za-z.]+)[(}]");
        for (String t : new String[] {"personnel.html", "officer.html", "personnel-import.html", "leads.html"}) {
            Matcher m = key.matcher(Files.readString(Path.of("src/main/resources/templates/vetting", t)));
            while (m.find()) used.add(m.group(1));
        }
        assertThat(used).isNotEmpty();
        assertThat(en.stringPropertyNames()).containsAll(used);
    }
}
