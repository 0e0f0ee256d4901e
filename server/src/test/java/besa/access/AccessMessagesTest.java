package besa.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The access pages speak both languages: every key in English and in Albanian. */
class AccessMessagesTest {
    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (var in = new InputStreamReader(AccessMessagesTest.class.getResourceAsStream("/i18n/" + name), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void everyKeyInBothLanguages() throws Exception {
        Properties en = load("access.properties");
        Properties sq = load("access_sq.properties");
        assertThat(sq.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        assertThat(sq.getProperty("mfa.second.title")).isEqualTo("Faktori i dytë");
        assertThat(sq.getProperty("mfa.codes.once")).isNotEqualTo(en.getProperty("mfa.codes.once")).contains("ë");
    }
}
