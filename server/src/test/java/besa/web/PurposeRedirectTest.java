package besa.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** After the purpose form, the user goes back only to a path on this site: never to another host. */
class PurposeRedirectTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/search?q=Hoxha%20Arben&lang=en", "/entities/P-1/graph", "/entities/P-1#top", "/kërko"})
    void pathsOnThisSiteAreKept(String next) {
        assertThat(PurposeController.safe(next)).isEqualTo(next);
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example", "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "/\n/evil.example",
            "/\r\n/evil.example", "/ /evil.example", "/\u000b/evil.example", "/\u00a0/evil.example", "/\u2028/evil.example",
            "https://evil.example", "evil.example", "javascript:alert(1)", "/a\\b", "/search?q=a b", "/x|y", ""})
    void anythingElseGoesHome(String next) {
        assertThat(PurposeController.safe(next)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void noNextGoesHome() {
        assertThat(PurposeController.safe(null)).isEmpty();
    }
}
