package besa.access.oidc;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * Why Besa refused a sign-in that the provider accepted, or that failed on the way. The audit trail
 * records the class's simple name as the reason (as for password logins), the login page shows the
 * message for {@link #code()}.
 */
public abstract sealed class OidcRefusal extends OAuth2AuthenticationException {
    private final String code;
    private final String account;

    private OidcRefusal(String code, String account, String description) {
        super(new OAuth2Error("besa_" + code.replace('-', '_'), description, null), description);
        this.code = code;
        this.account = account == null ? "" : account;
    }

    /** The local account the sign-in named, or "" when none. Never a secret: user names only. */
    public String account() {
        return account;
    }

    /** The key suffix of the login page's message, {@code oidc.error.<code>}. */
    public String code() {
        return code;
    }

    /** No local account has the name the provider gave. */
    public static final class UnknownAccount extends OidcRefusal {
        UnknownAccount(String claim) {
            super("unknown-account", "", "no Besa account matches the claim " + claim);
        }
    }

    public static final class AccountDisabled extends OidcRefusal {
        AccountDisabled(String account) {
            super("account-disabled", account, "the Besa account is disabled");
        }
    }

    /** The ID token shows no second factor: neither a listed {@code amr} value nor the required {@code acr}. */
    public static final class SecondFactorMissing extends OidcRefusal {
        SecondFactorMissing(String account) {
            super("second-factor-missing", account, "the ID token proves no second factor (amr/acr)");
        }
    }

    /** The account is bound to another subject at this provider. */
    public static final class SubjectMismatch extends OidcRefusal {
        SubjectMismatch(String account) {
            super("subject-mismatch", account, "the account is bound to a different subject at this provider");
        }
    }

    /** The protocol failed: state or nonce mismatch, an invalid token, an error from the provider. */
    public static final class ProtocolFailure extends OidcRefusal {
        ProtocolFailure(String errorCode) {
            super("failed", "", "OpenID Connect sign-in failed: " + errorCode);
        }
    }
}
