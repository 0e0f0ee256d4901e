package besa.access;

import java.util.Set;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** API tokens for MockMvc tests: an account with a fresh token, and the header that presents it. */
public final class TestTokens {
    private TestTokens() {}

    /** Creates (or resets) the account with the roles and issues it a token; returns the token. */
    public static String accountWithToken(UserAccounts accounts, ApiTokens tokens, String username, Role... roles) {
        accounts.upsert(username, username, "test password for " + username, Set.of(roles));
        return tokens.issue(username, "127.0.0.1", username, "test", null).token();
    }

    /** {@code Authorization: Bearer <token>}. */
    public static RequestPostProcessor bearer(String token) {
        return request -> {
            request.addHeader("Authorization", "Bearer " + token);
            return request;
        };
    }

    /** The request as if from another address (throttling is per source address). */
    public static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
