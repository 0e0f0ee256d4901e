package besa.access.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/** The two decisions that matter most, without a provider: what counts as two factors, and what is granted. */
class OidcAccountsTest {
    final OidcAccounts defaults = new OidcAccounts(properties(null), null, null);

    @Test
    void aSecondFactorIsProvenOnlyByAListedAmrOrTheConfiguredAcr() {
        assertThat(defaults.secondFactorProven(token(Map.of("amr", List.of("pwd", "otp"))))).isTrue();
        assertThat(defaults.secondFactorProven(token(Map.of("amr", List.of("hwk"))))).isTrue();
        assertThat(defaults.secondFactorProven(token(Map.of("amr", List.of("pwd"))))).isFalse();
        assertThat(defaults.secondFactorProven(token(Map.of()))).isFalse();
        // Without a configured acr, no acr value is enough, however strong it sounds.
        assertThat(defaults.secondFactorProven(token(Map.of("acr", "gold")))).isFalse();

        OidcAccounts withAcr = new OidcAccounts(properties("gold"), null, null);
        assertThat(withAcr.secondFactorProven(token(Map.of("acr", "gold", "amr", List.of("pwd"))))).isTrue();
        assertThat(withAcr.secondFactorProven(token(Map.of("acr", "silver")))).isFalse();
    }

    @Test
    void grantsTheLocalRolesAndTheTwoFactorsButNothingElse() {
        var account = User.withUsername("a").password("x").authorities("ROLE_ANALYST", "SOMETHING_ELSE").build();
        List<String> granted = OidcAccounts.authorities(account).stream().map(GrantedAuthority::getAuthority).toList();
        assertThat(granted).containsExactlyInAnyOrder("ROLE_ANALYST",
                FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY, OidcAccounts.SECOND_FACTOR_AT_PROVIDER);
    }

    private static OidcProperties properties(String acr) {
        return new OidcProperties("https://sso.example", "besa", null, null, null, null, acr, null);
    }

    private static OidcIdToken token(Map<String, Object> claims) {
        var b = OidcIdToken.withTokenValue("t").subject("s").issuer("https://sso.example")
                .issuedAt(Instant.EPOCH).expiresAt(Instant.EPOCH.plusSeconds(60));
        claims.forEach(b::claim);
        return b.build();
    }
}
