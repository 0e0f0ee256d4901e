package besa.access.policy;

import besa.access.AccessPolicy;
import besa.access.BreakGlass;
import besa.access.Denial;
import besa.access.Justification;
import besa.access.Justifications;
import besa.access.ReadScope;
import besa.access.Role;
import besa.access.VettingStatus;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The policy: loads the user's facts from the database on every call (roles, clearance, vetting
 * status, officer link, live memberships, the originators' restrictions), so that a change takes
 * effect on the next request, and turns them into a {@link ReadScope}.
 */
@Service
class DefaultAccessPolicy implements AccessPolicy {
    /** Roles that read intelligence at all (subject to the rest of the policy). */
    static final Set<Role> READERS = EnumSet.of(Role.ANALYST, Role.VETTING_OFFICER, Role.LIAISON_OFFICER, Role.OPERATIONS_COMMANDER);

    /** Roles that collect intelligence (import files). Administrators never do, break-glass or not. */
    static final Set<Role> COLLECTORS = EnumSet.of(Role.ANALYST, Role.VETTING_OFFICER, Role.LIAISON_OFFICER);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectProvider<BreakGlass> breakGlass;

    DefaultAccessPolicy(JdbcClient jdbc, PlatformTransactionManager tm, ObjectProvider<BreakGlass> breakGlass) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(tm);
        this.tx.setReadOnly(true);
        this.breakGlass = breakGlass;
    }

    /** Default clearance of a role when the account has none set; -1 = reads nothing. */
    static int defaultClearance(Role role) {
        return switch (role) {
            case ANALYST, VETTING_OFFICER, LIAISON_OFFICER -> 3;
            case OPERATIONS_COMMANDER -> 2;
            default -> -1;
        };
    }

    @Override
    public boolean mayCollect() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth.getName() == null) return false;
        Account a = tx.execute(status -> account(auth.getName()));
        // No account row, no rights: as for reading (load).
        return a != null && a.enabled && a.roles.stream().anyMatch(COLLECTORS::contains) && !a.roles.contains(Role.ADMINISTRATOR);
    }

    @Override
    public ReadScope scope() {
        return tx.execute(status -> load(SecurityContextHolder.getContext().getAuthentication()));
    }

    @Override
    public <T> T read(Function<ReadScope, T> work) {
        return tx.execute(status -> work.apply(load(SecurityContextHolder.getContext().getAuthentication())));
    }

    @Override
    public <T> T read(ReadScope scope, Function<ReadScope, T> work) {
        return tx.execute(status -> {
            settings(scope);
            return work.apply(scope);
        });
    }

    @Override
    public <T> Optional<T> readEntity(String id, Function<ReadScope, Optional<T>> find) {
        return read(scope -> {
            Optional<T> found = find.apply(scope);
            if (found.isEmpty()) classify(id, scope).ifPresent(this::note);
            return found;
        });
    }

    @Override
    public Optional<Justification> justification() {
        return request().flatMap(Justifications::of);
    }

    /** The user's scope; sets the row-level security settings on the current transaction (two round trips). */
    ReadScope load(Authentication auth) {
        if (auth == null || !auth.isAuthenticated() || auth.getName() == null) return ReadScope.nothing("anonymous");
        String user = auth.getName();
        Account account = account(user);
        // No account, no reading: the authorities of a principal without an app_user row (single sign-on
        // before provisioning, a forged or stale token) are not evidence of need-to-know.
        if (account == null) return ReadScope.nothing(user);
        return scope(user, account);
    }

    /**
     * The user's account, or null without an app_user row, in one round trip that also resets the
     * transaction's row-level security settings to this user (which the memberships' row security reads).
     */
    private Account account(String user) {
        return jdbc.sql("""
                select a.roles, a.clearance, a.vetting_status, a.officer_id, a.enabled
                from (select set_config('besa.user', :user, true), set_config('besa.system', '', true),
                             set_config('besa.compartments', '{}', true), set_config('besa.officer', '', true)) s
                left join app_user a on a.username = :user""")
                .param("user", user)
                .query((rs, n) -> rs.getArray(1) == null ? null : new Account(roles(Arrays.asList((String[]) rs.getArray(1).getArray())),
                        rs.getObject(2) == null ? null : rs.getInt(2), VettingStatus.valueOf(rs.getString(3)), rs.getString(4),
                        rs.getBoolean(5)))
                .list().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** The scope from the account; for a reader, one more round trip loads his memberships and the restrictions and sets the rest. */
    private ReadScope scope(String user, Account a) {
        if (!a.enabled) return ReadScope.nothing(user);
        boolean reader = a.roles.stream().anyMatch(READERS::contains);
        boolean glass = !reader && a.roles.contains(Role.ADMINISTRATOR) && breakGlassActive(user);
        if (!reader && !glass) return ReadScope.nothing(user);
        int clearance = glass ? 3 : a.clearance != null ? a.clearance
                : a.roles.stream().mapToInt(DefaultAccessPolicy::defaultClearance).max().orElse(-1);
        boolean cleared = a.vetting == VettingStatus.CLEARED;
        if (!cleared) clearance = Math.min(clearance, 1);
        String[] roleNames = a.roles.stream().map(Role::name).toArray(String[]::new);
        boolean vettingRole = a.roles.contains(Role.VETTING_OFFICER) || glass;
        String officer = a.officer == null ? "" : a.officer;
        var facts = jdbc.sql("""
                select c.m, set_config('besa.compartments', c.m::text, true), set_config('besa.officer', ?, true),
                       array(select source_id from source_restriction group by source_id having not bool_or(role = any(?)) order by 1),
                       array(select h.source_id from (select source_id from source_restriction group by source_id
                                                       having not bool_or(role = any(?))) h
                             -- one index probe per hidden source: without the index's order the planner may pick a scan of
                             -- all statements for a rare source ("the first match comes soon"), 100 ms on 100,000 entities
                             where (select true from statement t where t.source_id = h.source_id order by t.source_id, t.record_key limit 1)
                             order by 1),
                       -- the subject of an open vetting case or alert does no vetting work (V173; only asked of vetting roles)
                       case when ? then besa_vetting_suspended(?, ?) else false end
                from (select array(select compartment_id from compartment_member
                                   where username = ? and revoked_at is null order by 1) m) c""")
                .params(officer, roleNames, roleNames, vettingRole && cleared, user, officer, user)
                .query((rs, n) -> new Object[] {rs.getArray(1).getArray(), rs.getArray(4).getArray(), rs.getArray(5).getArray(), rs.getBoolean(6)}).single();
        long[] compartments = Arrays.stream((Long[]) facts[0]).mapToLong(Long::longValue).toArray();
        List<String> hidden = Arrays.asList((String[]) facts[1]);
        List<String> hiddenWithStatements = Arrays.asList((String[]) facts[2]);
        boolean suspended = (Boolean) facts[3];
        boolean vetting = cleared && vettingRole;
        // A suspended officer is capped like one whose own vetting is not cleared, so the two stay indistinguishable.
        if (suspended) clearance = Math.min(clearance, 1);
        ReadScope scope = ReadScope.user(user, clearance, hidden, hiddenWithStatements, compartments, vetting, glass, a.officer);
        if (!vettingRole) return scope;
        // Own vetting not cleared, or the subject of an open vetting case or alert: one bar, one answer.
        if (!cleared || suspended) return scope.barredFromVetting(ReadScope.VettingBar.SUSPENDED);
        // A vetting officer must be linked to his personnel record, or nothing can keep his own file from him.
        // Break-glass is no exception: an administrator without one could read his own file under it.
        if (officer.isBlank()) return scope.barredFromVetting(ReadScope.VettingBar.NO_OFFICER_ID);
        return scope;
    }

    private boolean breakGlassActive(String user) {
        BreakGlass b = breakGlass.getIfAvailable();
        return b != null && b.active(user);
    }

    /** The settings the row-level security policies read, local to the current transaction. */
    private void settings(ReadScope scope) {
        jdbc.sql("select set_config('besa.user', ?, true), set_config('besa.compartments', ?, true), set_config('besa.officer', ?, true),"
                        + " set_config('besa.system', ?, true)")
                .params(scope.isSystem() ? "" : scope.username(), scope.compartmentsSetting(),
                        scope.officer() == null ? "" : scope.officer(), scope.isSystem() ? "on" : "")
                .query().singleRow();
    }

    /** Why an entity read came back empty: missing (empty), hidden, or the user's own vetting material. */
    private Optional<Denial> classify(String id, ReadScope scope) {
        if (scope.isSystem()) return Optional.empty();
        return jdbc.sql("""
                select exists (select 1 from entity where id = :id),
                       exists (select 1 from compartment_entity where entity_id = :id and kind = 'VETTING' and subject = :officer)""")
                .param("id", id).param("officer", scope.officer() == null ? "" : scope.officer())
                .query((rs, n) -> rs.getBoolean(2) ? Optional.of(Denial.SUBJECT_PROTECTION)
                        : rs.getBoolean(1) ? Optional.of(Denial.POLICY) : Optional.<Denial>empty())
                .single();
    }

    private void note(Denial denial) {
        RequestAttributes attrs = RequestContextHolder.getRequestAttributes();
        if (attrs != null) attrs.setAttribute(Denial.ATTRIBUTE, denial, RequestAttributes.SCOPE_REQUEST);
    }

    private static Optional<HttpServletRequest> request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes s ? Optional.of(s.getRequest()) : Optional.empty();
    }

    private static Set<Role> roles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String n : names) {
            try {
                roles.add(Role.valueOf(n));
            } catch (IllegalArgumentException e) {
                // an authority that is no Besa role grants nothing
            }
        }
        return roles;
    }

    private record Account(Set<Role> roles, Integer clearance, VettingStatus vetting, String officer, boolean enabled) {}
}
