package besa.access;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What administrators do to accounts: create, disable, suspend, re-enable, change roles, unlock,
 * and issue or revoke the tokens of service accounts. Every change is audited (account, role or
 * credential change) in the same transaction: if the event cannot be written, nothing changes.
 * Administrators see and manage accounts only; nothing here reads intelligence.
 *
 * <p>Bad input is an {@link IllegalArgumentException}, an unknown account a
 * {@link NoSuchElementException}, and an administrator locking themselves out an {@link IllegalStateException}.
 */
@Service
public class AccountAdministration {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final UserAccounts accounts;
    private final ApiTokens tokens;
    private final LoginAttempts attempts;
    private final PasswordEncoder encoder;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final org.springframework.beans.factory.ObjectProvider<OfficerIdLabels> labels;

    AccountAdministration(JdbcClient jdbc, UserAccounts accounts, ApiTokens tokens, LoginAttempts attempts, PasswordEncoder encoder,
                          Clock clock, ApplicationEventPublisher events, org.springframework.beans.factory.ObjectProvider<OfficerIdLabels> labels) {
        this.labels = labels;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.tokens = tokens;
        this.attempts = attempts;
        this.encoder = encoder;
        this.clock = clock;
        this.events = events;
    }

    /**
     * A new account; a person needs an initial password, a service account has none (API tokens only).
     * A vetting officer needs {@code officerId}, the personnel id of the officer he is (subject protection).
     */
    public record NewAccount(String username, String displayName, Set<Role> roles, boolean service, String password, String officerId) {
        public NewAccount(String username, String displayName, Set<Role> roles, boolean service, String password) {
            this(username, displayName, roles, service, password, null);
        }
    }

    /** The officer id a vetting officer's account must carry; without it nothing keeps his own file from him. */
    static final String OFFICER_ID_REQUIRED = "officerId: an account with the role VETTING_OFFICER needs the officer id (officer_id)"
            + " of the officer it is, so that vetting material about him stays closed to him";

    public List<Account> list() {
        return accounts.list();
    }

    public Account get(String username) {
        return accounts.find(username).orElseThrow(() -> new NoSuchElementException("no account '" + username + "'"));
    }

    @Transactional
    public Account create(String actor, String clientAddress, NewAccount a) {
        if (a.username() == null || !USERNAME.matcher(a.username()).matches()) {
            throw new IllegalArgumentException("username '" + a.username() + "': 2 to 64 characters a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
        if (a.displayName() == null || a.displayName().isBlank() || a.displayName().length() > 200) {
            throw new IllegalArgumentException("display name: 1 to 200 characters");
        }
        checkRoles(a.roles());
        Role.checkSeparation(a.roles(), a.service());
        String password = a.password();
        if (a.service()) {
            // Nobody knows this password: a service account authenticates with tokens only.
            byte[] random = new byte[32];
            RANDOM.nextBytes(random);
            password = Base64.getEncoder().encodeToString(random);
        } else {
            UserAccounts.checkPassword(password);
        }
        String officerId = officerId(a.officerId());
        if (a.roles().contains(Role.VETTING_OFFICER) && officerId == null) throw new IllegalArgumentException(OFFICER_ID_REQUIRED);
        if (accounts.exists(a.username())) throw new IllegalArgumentException("username '" + a.username() + "' is taken");
        if (officerId != null) checkOfficerId(a.username(), officerId);
        jdbc.sql("insert into app_user (username, display_name, password_hash, roles, service, created_at, officer_id) values (?, ?, ?, ?, ?, ?, ?)")
                .params(a.username(), a.displayName().strip(), encoder.encode(password), UserAccounts.roleNames(a.roles()), a.service(),
                        Timestamp.from(clock.instant()), officerId)
                .update();
        // The officer id itself stays out of the trail (auditors may be vetted too): its pseudonym only.
        publish(actor, AccessEvent.Type.ACCOUNT_CHANGE, a.username(),
                "created " + (a.service() ? "service account" : "account") + " with roles " + UserAccounts.rolesText(a.roles())
                        + (officerId == null ? "" : " and an officer id (" + label(officerId) + ")"), clientAddress);
        return get(a.username());
    }

    @Transactional
    public Account disable(String actor, String clientAddress, String username) {
        notSelf(actor, username, "disable");
        update("update app_user set enabled = false where username = ?", username);
        publish(actor, AccessEvent.Type.ACCOUNT_CHANGE, username, "disabled", clientAddress);
        return get(username);
    }

    /** Suspends the account until {@code until} (null: until re-enabled), with a reason the trail keeps. */
    @Transactional
    public Account suspend(String actor, String clientAddress, String username, String reason, Instant until) {
        notSelf(actor, username, "suspend");
        if (reason == null || reason.isBlank() || reason.length() > 500) throw new IllegalArgumentException("a suspension needs a reason (1 to 500 characters)");
        if (until != null && !until.isAfter(clock.instant())) throw new IllegalArgumentException("the suspension's end " + until + " is in the past");
        jdbc.sql("update app_user set suspension_reason = ?, suspended_until = ? where username = ?")
                .params(reason.strip(), until == null ? null : Timestamp.from(until), username).update();
        get(username);
        publish(actor, AccessEvent.Type.ACCOUNT_CHANGE, username,
                "suspended " + (until == null ? "until re-enabled" : "until " + until) + ": " + reason.strip(), clientAddress);
        return get(username);
    }

    /** Ends a suspension and re-enables a disabled account. */
    @Transactional
    public Account enable(String actor, String clientAddress, String username) {
        update("update app_user set enabled = true, suspension_reason = null, suspended_until = null where username = ?", username);
        publish(actor, AccessEvent.Type.ACCOUNT_CHANGE, username, "enabled", clientAddress);
        return get(username);
    }

    /**
     * Sets an account's roles, with the reason the trail keeps. Nobody changes his own roles (an
     * administrator could otherwise make himself a reader); the separation of duties holds.
     */
    @Transactional
    public Account changeRoles(String actor, String clientAddress, String username, Set<Role> roles, String reason) {
        return changeRoles(actor, clientAddress, username, roles, reason, null);
    }

    /**
     * As {@link #changeRoles(String, String, String, Set, String)}; {@code officerId}, when given, is set
     * too. Granting VETTING_OFFICER needs an officer id: given here or already on the account.
     */
    @Transactional
    public Account changeRoles(String actor, String clientAddress, String username, Set<Role> roles, String reason, String officerId) {
        notSelf(actor, username, "change the roles of");
        checkRoles(roles);
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new IllegalArgumentException("a role change needs a reason (1 to 500 characters)");
        }
        Account before = get(username);
        Role.checkSeparation(roles, before.service());
        String newOfficerId = officerId(officerId);
        if (roles.contains(Role.VETTING_OFFICER) && newOfficerId == null && officerIdOf(username) == null) {
            throw new IllegalArgumentException(OFFICER_ID_REQUIRED);
        }
        if (newOfficerId != null) setOfficerId(actor, clientAddress, username, newOfficerId, reason);
        if (before.roles().equals(roles)) return get(username);
        update("update app_user set roles = ? where username = ?", UserAccounts.roleNames(roles), username);
        publish(actor, AccessEvent.Type.ROLE_CHANGE, username,
                "roles " + UserAccounts.rolesText(before.roles()) + " -> " + UserAccounts.rolesText(roles) + ": " + reason.strip(), clientAddress);
        return get(username);
    }

    /**
     * Links the account to the officer it is (his personnel id), with the reason the trail keeps; a vetting
     * officer does no vetting work until his account has one. Nobody sets his own.
     */
    @Transactional
    public Account setOfficerId(String actor, String clientAddress, String username, String officerId, String reason) {
        notSelf(actor, username, "set the officer id of");
        String id = officerId(officerId);
        if (id == null) throw new IllegalArgumentException("officerId: the officer id (officer_id) is empty");
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new IllegalArgumentException("setting an officer id needs a reason (1 to 500 characters)");
        }
        get(username);
        String current = officerIdOf(username);
        if (current != null && same(current, id)) return get(username);
        checkOfficerId(username, id);
        // Renaming the id of an officer under vetting would lift his suspension and his subject protection.
        if (current != null && jdbc.sql("select besa_officer_under_vetting(?)").param(current).query(Boolean.class).single()) {
            throw new IllegalStateException("officerId: the account's current officer id is the subject of open vetting work"
                    + " (an open case or alert); it cannot be changed until that is closed");
        }
        update("update app_user set officer_id = ? where username = ?", id, username);
        // The ids stay out of the trail (auditors may be vetted too); whether one was set or replaced is kept.
        publish(actor, AccessEvent.Type.ACCOUNT_CHANGE, username, (current == null ? "officer id set (" + label(id) + "): "
                        : "officer id changed (" + label(current) + " -> " + label(id) + "): ") + reason.strip(), clientAddress);
        return get(username);
    }

    /**
     * An officer id an account may carry: an officer of the personnel register (read as the system: the
     * register is closed to administrators), and no other account's (compared as V105: case and spaces ignored).
     */
    private void checkOfficerId(String username, String id) {
        if (!jdbc.sql("select besa_officer_registered(?)").param(id).query(Boolean.class).single()) {
            throw new IllegalArgumentException("officerId: '" + id + "' is no officer of the personnel register");
        }
        List<String> holders = jdbc.sql("select username from app_user where upper(btrim(officer_id)) = upper(btrim(?)) and username <> ? order by 1")
                .params(id, username).query(String.class).list();
        if (!holders.isEmpty()) {
            throw new IllegalArgumentException("officerId: '" + id + "' is already the officer id of account '" + holders.getFirst() + "'");
        }
    }

    /** The officer id's pseudonym for the trail; without the vetting module, no label at all. */
    private String label(String officerId) {
        OfficerIdLabels l = labels.getIfAvailable();
        return l == null ? "pseudonym unavailable" : l.label(officerId);
    }

    private static boolean same(String a, String b) {
        return a.strip().equalsIgnoreCase(b.strip());
    }

    /** The account's officer id, or null when it has none. */
    public String officerIdOf(String username) {
        return jdbc.sql("select officer_id from app_user where username = ?").param(username).query((rs, n) -> rs.getString(1)).list().stream()
                .filter(java.util.Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty()).findFirst().orElse(null);
    }

    /** An officer id as stored: stripped; null when blank; refused when too long or holding control characters. */
    private static String officerId(String raw) {
        if (raw == null || raw.isBlank()) return null;
        String id = raw.strip();
        if (id.length() > 64 || id.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("officerId: 1 to 64 characters without control characters");
        }
        return id;
    }

    @Transactional
    public Account unlock(String actor, String clientAddress, String username) {
        get(username);
        if (attempts.unlock(username)) publish(actor, AccessEvent.Type.ACCOUNT_CHANGE, username, "unlocked", clientAddress);
        return get(username);
    }

    /** A token for a service account; people issue their own on their "API tokens" page. */
    @Transactional
    public ApiTokens.IssuedToken issueServiceToken(String actor, String clientAddress, String username, String label, Duration lifetime) {
        if (!get(username).service()) {
            throw new IllegalArgumentException("'" + username + "' is a person's account: people issue their own tokens (after their second factor)");
        }
        return tokens.issue(actor, clientAddress, username, label, lifetime);
    }

    public List<ApiTokens.TokenInfo> tokens(String username) {
        get(username);
        return tokens.list(username);
    }

    /** Revokes any token of any account (a person's too: an administrator may have to stop a leaked token). */
    public boolean revokeToken(String actor, String clientAddress, String username, long id) {
        get(username);
        return tokens.revoke(actor, clientAddress, username, id);
    }

    private void update(String sql, Object... params) {
        if (jdbc.sql(sql).params(params).update() == 0) throw new NoSuchElementException("no account '" + params[params.length - 1] + "'");
    }

    private static void notSelf(String actor, String username, String what) {
        if (actor.equals(username)) throw new IllegalStateException("administrators cannot " + what + " their own account; another administrator can");
    }

    private static void checkRoles(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) throw new IllegalArgumentException("an account needs at least one role");
    }

    private void publish(String actor, AccessEvent.Type type, String target, String detail, String clientAddress) {
        events.publishEvent(new AccessEvent(actor, type, target, detail, clientAddress));
    }
}
