package besa.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DemoMessagesTest {
    @Test
    void everyMessageIsInBothLanguages() throws Exception {
        Properties en = load("i18n/demo.properties"), sq = load("i18n/demo_sq.properties");
        assertThat(sq.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        assertThat(sq.getProperty("demo.stop")).contains("Ctrl-C").isNotEqualTo(en.getProperty("demo.stop"));
    }

    @Test
    void formatsInTheDefaultLanguage() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.ENGLISH);
            assertThat(DemoMessages.get("demo.size.invalid", "huge")).isEqualTo("--size must be small or large, not 'huge'");
            Locale.setDefault(Locale.forLanguageTag("sq"));
            assertThat(DemoMessages.get("demo.size.invalid", "huge")).isEqualTo("--size duhet të jetë small ose large, jo 'huge'");
        } finally {
            Locale.setDefault(before);
        }
    }

    private static Properties load(String path) throws Exception {
        Properties p = new Properties();
        try (var in = DemoMessagesTest.class.getClassLoader().getResourceAsStream(path)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
