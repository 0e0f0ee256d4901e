package besa.access.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OidcMessagesTest {
    @Test
    void everyRefusalHasAMessageInBothLanguages() throws Exception {
        Properties en = load("i18n/access.properties"), sq = load("i18n/access_sq.properties");
        assertThat(keys(sq)).isEqualTo(keys(en));
        for (String reason : OidcLoginPage.REASONS) {
            assertThat(en.getProperty("oidc.error." + reason)).as(reason).isNotBlank();
            assertThat(sq.getProperty("oidc.error." + reason)).as(reason).isNotBlank().isNotEqualTo(en.getProperty("oidc.error." + reason));
        }
    }

    private static Set<String> keys(Properties p) {
        return p.stringPropertyNames().stream().filter(k -> k.startsWith("oidc.")).collect(Collectors.toSet());
    }

    private static Properties load(String path) throws Exception {
        Properties p = new Properties();
        try (var in = OidcMessagesTest.class.getClassLoader().getResourceAsStream(path)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
