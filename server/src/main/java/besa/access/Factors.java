package besa.access;

import java.time.Duration;
import java.util.Set;
import org.springframework.security.authorization.AllRequiredFactorsAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * The authentication factors Besa knows, as Spring Security factor authorities, and the one rule
 * it applies to every page: a password and one second factor (TOTP code, passkey or recovery code).
 * Every sign-in method (including single sign-on) reconciles with this class.
 */
public final class Factors {
    public static final String PASSWORD = FactorGrantedAuthority.PASSWORD_AUTHORITY;
    public static final String WEBAUTHN = FactorGrantedAuthority.WEBAUTHN_AUTHORITY;
    /** A TOTP code from an authenticator app (Besa's own factor; Spring Security has none for TOTP). */
    public static final String TOTP = "FACTOR_TOTP";
    /** A single-use recovery code, accepted in place of the usual second factor. */
    public static final String RECOVERY_CODE = "FACTOR_RECOVERY_CODE";

    /** Single sign-on: the OpenID provider's login (authorization code flow) ... */
    public static final String AUTHORIZATION_CODE = FactorGrantedAuthority.AUTHORIZATION_CODE_AUTHORITY;
    /** ... with a second factor the provider's signed ID token vouches for (amr/acr). */
    public static final String PROVIDER_SECOND_FACTOR = "FACTOR_OIDC_MFA";

    /** What counts as the second factor after the password. */
    public static final Set<String> SECOND = Set.of(TOTP, WEBAUTHN, RECOVERY_CODE);

    private Factors() {}

    /**
     * Password plus any one second factor, or a single sign-on whose provider proved two factors;
     * the TOTP requirement comes first, so a missing factor leads to its page.
     */
    public static <T> AuthorizationManager<T> passwordAndSecondFactor() {
        return AllRequiredFactorsAuthorizationManager.anyOf(both(TOTP), both(WEBAUTHN), both(RECOVERY_CODE), singleSignOn());
    }

    private static <T> AllRequiredFactorsAuthorizationManager<T> singleSignOn() {
        return AllRequiredFactorsAuthorizationManager.<T>builder()
                .requireFactor(f -> f.authority(AUTHORIZATION_CODE))
                .requireFactor(f -> f.authority(PROVIDER_SECOND_FACTOR))
                .build();
    }

    /**
     * Password plus a second factor proved within {@code recent}: for changes to the factors
     * themselves, so that an unattended session cannot replace them. An older factor leads to the
     * second-factor page, and back here after it.
     */
    public static <T> AuthorizationManager<T> passwordAndRecentSecondFactor(Duration recent) {
        return AllRequiredFactorsAuthorizationManager.anyOf(both(TOTP, recent), both(WEBAUTHN, recent), both(RECOVERY_CODE, recent));
    }

    private static <T> AllRequiredFactorsAuthorizationManager<T> both(String second) {
        return both(second, null);
    }

    private static <T> AllRequiredFactorsAuthorizationManager<T> both(String second, Duration recent) {
        return AllRequiredFactorsAuthorizationManager.<T>builder()
                .requireFactor(f -> f.authority(PASSWORD))
                .requireFactor(f -> {
                    f.authority(second);
                    if (recent != null) f.validDuration(recent);
                })
                .build();
    }

    public static boolean has(Authentication a, String factor) {
        if (a == null || !a.isAuthenticated()) return false;
        for (GrantedAuthority g : a.getAuthorities()) {
            if (factor.equals(g.getAuthority())) return true;
        }
        return false;
    }

    public static boolean complete(Authentication a) {
        return has(a, PASSWORD) && SECOND.stream().anyMatch(f -> has(a, f))
                || has(a, AUTHORIZATION_CODE) && has(a, PROVIDER_SECOND_FACTOR);
    }
}
