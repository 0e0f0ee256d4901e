package besa.access;

import java.util.Arrays;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Accounts in the database; passwords are stored as Argon2id hashes only. */
@Service
public class UserAccounts implements UserDetailsService {
    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;

    public UserAccounts(JdbcClient jdbc, PasswordEncoder encoder) {
        this.jdbc = jdbc;
        this.encoder = encoder;
    }

    /** Creates the account, or resets its name, password and roles if it exists. */
    public void upsert(String username, String displayName, String password, Set<Role> roles) {
        if (password.length() < 12) throw new IllegalArgumentException("a password needs at least 12 characters");
        String[] names = roles.stream().map(Role::name).sorted().toArray(String[]::new);
        jdbc.sql("""
                insert into app_user (username, display_name, password_hash, roles) values (?, ?, ?, ?)
                on conflict (username) do update set display_name = excluded.display_name,
                    password_hash = excluded.password_hash, roles = excluded.roles, enabled = true""")
                .params(username, displayName, encoder.encode(password), names).update();
    }

    public boolean exists(String username) {
        return jdbc.sql("select count(*) from app_user where username = ?").param(username).query(Long.class).single() > 0;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("select username, password_hash, roles, enabled from app_user where username = ?")
                .param(username)
                .query((rs, n) -> User.withUsername(rs.getString(1))
                        .password(rs.getString(2))
                        .authorities(Arrays.stream((String[]) rs.getArray(3).getArray())
                                .map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList())
                        .disabled(!rs.getBoolean(4))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
