package besa.access;

import java.util.Arrays;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Accounts behind MockMvc's {@code user(...)} and {@code @WithMockUser}: every request of a logged-in
 * user re-reads the account, so a user that does not exist in {@code app_user} is refused.
 */
public final class TestAccounts {
    private TestAccounts() {}

    /** Creates the account with these roles (or sets its roles and status if it exists); it cannot log in by password. */
    public static void ensure(JdbcClient jdbc, String username, Role... roles) {
        String[] names = Arrays.stream(roles).map(Role::name).sorted().toArray(String[]::new);
        jdbc.sql("""
                insert into app_user (username, display_name, password_hash, roles) values (?, ?, 'no password', ?)
                on conflict (username) do update set roles = excluded.roles, enabled = true, suspension_reason = null,
                    suspended_until = null""")
                .params(username, username, names).update();
    }
}
