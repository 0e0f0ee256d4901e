package besa.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Accounts in the database; passwords are stored as Argon2id hashes only. A locked account (too
 * many failed logins) and a disabled or suspended one are refused by Spring Security's checks
 * before the password is looked at; the login page shows the same message as for a wrong password.
 */
@Service
public class UserAccounts implements UserDetailsService {
    static final String SELECT = """
            select u.username, u.display_name, u.roles, u.enabled,
                   u.suspension_reason is not null and (u.suspended_until is null or u.suspended_until > :now) as suspended,
                   u.suspended_until, u.suspension_reason, u.service,
                   (select b.blocked_until from login_block b
                     where b.kind = 'ACCOUNT' and b.subject = u.username and b.blocked_until > :now) as locked_until,
                   u.created_at, u.password_hash, coalesce(btrim(u.officer_id), '') <> '' as officer_linked
              from app_user u""";

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final Clock clock;

    public UserAccounts(JdbcClient jdbc, PasswordEncoder encoder, Clock clock) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.clock = clock;
    }

    /** Creates the account, or resets its name, password and roles if it exists. */
    public void upsert(String username, String displayName, String password, Set<Role> roles) {
        checkPassword(password);
        Role.checkSeparation(roles, false);
        String[] names = roles.stream().map(Role::name).sorted().toArray(String[]::new);
        jdbc.sql("""
                insert into app_user (username, display_name, password_hash, roles) values (?, ?, ?, ?)
                on conflict (username) do update set display_name = excluded.display_name,
                    password_hash = excluded.password_hash, roles = excluded.roles, enabled = true""")
                .params(username, displayName, encoder.encode(password), names).update();
    }

    static void checkPassword(String password) {
        if (password == null || password.length() < 12) throw new IllegalArgumentException("a password needs at least 12 characters");
    }

    public boolean exists(String username) {
        return jdbc.sql("select count(*) from app_user where username = ?").param(username).query(Long.class).single() > 0;
    }

    /** The account now (status, roles, lock): one primary-key lookup, made on every request of a session. */
    public Optional<Account> find(String username) {
        return jdbc.sql(SELECT + " where u.username = :username").param("now", Timestamp.from(clock.instant()))
                .param("username", username).query((rs, n) -> account(rs)).optional();
    }

    /** Every account, by username. */
    public List<Account> list() {
        return jdbc.sql(SELECT + " order by u.username").param("now", Timestamp.from(clock.instant()))
                .query((rs, n) -> account(rs)).list();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql(SELECT + " where u.username = :username").param("now", Timestamp.from(clock.instant()))
                .param("username", username)
                .query((rs, n) -> {
                    Account a = account(rs);
                    return User.withUsername(a.username())
                            .password(rs.getString("password_hash"))
                            .authorities(a.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList())
                            .disabled(a.status() != AccountStatus.ACTIVE)
                            .accountLocked(a.locked())
                            .build();
                })
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    static Set<Role> roles(String[] names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String n : names) roles.add(Role.valueOf(n));
        return roles;
    }

    static String rolesText(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getString("username"), rs.getString("display_name"), roles((String[]) rs.getArray("roles").getArray()),
                rs.getBoolean("enabled"), rs.getBoolean("suspended"), instant(rs, "suspended_until"), rs.getString("suspension_reason"),
                rs.getBoolean("service"), instant(rs, "locked_until"), instant(rs, "created_at"), rs.getBoolean("officer_linked"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static String[] roleNames(Set<Role> roles) {
        return Arrays.stream(Role.values()).filter(roles::contains).map(Role::name).toArray(String[]::new);
    }
}
