package besa.breakglass;

import besa.access.BreakGlass;
import besa.access.Role;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Break-glass grants: an administrator's justified, time-boxed access to content his role does not
 * reach. A grant is effective at once, ends by itself when its time is up (checked at every use
 * against the clock: no job needs to run), can be ended early, and is never extended or revived.
 * Every request, end and review is an audit event, written before the change commits (fail closed).
 */
@Service
public class BreakGlassGrants implements BreakGlass {
    public static final Duration MAX = Duration.ofHours(1);
    public static final Duration DEFAULT = Duration.ofMinutes(30);
    static final int MAX_TEXT = 2000;

    private static final String COLUMNS = """
            id, username, reason, justification, scope, granted_at, expires_at, ended_at, ended_by,
            reviewed_at, reviewed_by, finding, review_note""";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    public BreakGlassGrants(JdbcClient jdbc, AuditLog audit, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    /** What an administrator asks for; {@code minutes} null means the default of 30. */
    public record Request(Reason reason, String justification, Integer minutes, String scope) {}

    /** Whether the user holds a live grant now: requested, not ended, and not expired by this clock's reading. */
    @Override
    public boolean active(String username) {
        return activeGrant(username).isPresent();
    }

    /** The user's live grant (with its scope), if any. */
    public Optional<Grant> activeGrant(String username) {
        return jdbc.sql("select " + COLUMNS + " from break_glass_grant where username = ? and ended_at is null"
                        + " and granted_at <= ? and expires_at > ? order by id desc limit 1")
                .params(username, at(now()), at(now())).query(this::grant).optional();
    }

    @Transactional
    public Grant request(Authentication who, Request r, String clientAddress) {
        String user = who.getName();
        if (!has(who, Role.ADMINISTRATOR)) {
            audit.record(new AuditEvent(user, AuditAction.BREAK_GLASS, "break-glass request", "", "", AuditOutcome.DENIED, clientAddress));
            throw new BreakGlassRefused(BreakGlassRefused.Kind.FORBIDDEN, null, "notAdministrator");
        }
        if (r.reason() == null) throw new BreakGlassRefused(BreakGlassRefused.Kind.INVALID, "reason", "reasonMissing");
        String text = r.justification() == null ? "" : r.justification().strip();
        if (text.isEmpty()) throw new BreakGlassRefused(BreakGlassRefused.Kind.INVALID, "justification", "justificationMissing");
        if (text.length() > MAX_TEXT) throw new BreakGlassRefused(BreakGlassRefused.Kind.INVALID, "justification", "tooLong", MAX_TEXT);
        int minutes = r.minutes() == null ? (int) DEFAULT.toMinutes() : r.minutes();
        if (minutes < 1 || minutes > MAX.toMinutes()) {
            throw new BreakGlassRefused(BreakGlassRefused.Kind.INVALID, "minutes", "duration", minutes, MAX.toMinutes());
        }
        String scope = r.scope() == null ? "" : r.scope().strip();
        if (!scope.isEmpty() && !scope.matches("[\\p{L}\\p{N}._:/-]{1,200}")) {
            throw new BreakGlassRefused(BreakGlassRefused.Kind.INVALID, "scope", "scope");
        }
        // One request per user at a time, until this transaction ends: otherwise two concurrent requests
        // both find no live grant and both insert one. (Two keys: this lock's namespace and the user.)
        jdbc.sql("select pg_advisory_xact_lock(hashtext('besa.break_glass'), hashtext(?))").param(user).query((rs, n) -> 0).list();
        Optional<Grant> live = activeGrant(user);
        if (live.isPresent()) {
            // Asking again while one is live would extend it in all but name: end it, then justify anew.
            throw new BreakGlassRefused(BreakGlassRefused.Kind.CONFLICT, null, "alreadyActive", live.get().id());
        }
        Instant now = now();
        long id = jdbc.sql("""
                        insert into break_glass_grant (username, reason, justification, scope, granted_at, expires_at)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(user, r.reason().name(), text, scope, at(now), at(now.plus(Duration.ofMinutes(minutes))))
                .query(Long.class).single();
        audit.record(new AuditEvent(user, AuditAction.BREAK_GLASS, target(id, scope), r.reason().name() + ": " + text, "",
                AuditOutcome.SUCCESS, clientAddress));
        return find(id).orElseThrow();
    }

    /** Ends a live grant early: its holder or an auditor may. An expired or ended grant stays as it is. */
    @Transactional
    public Grant end(Authentication who, long id, String clientAddress) {
        Grant g = find(id).orElseThrow(() -> new BreakGlassRefused(BreakGlassRefused.Kind.NOT_FOUND, "id", "notFound", id));
        if (!g.username().equals(who.getName()) && !has(who, Role.AUDITOR)) {
            throw new BreakGlassRefused(BreakGlassRefused.Kind.FORBIDDEN, null, "notYours", id);
        }
        if (!g.live()) throw new BreakGlassRefused(BreakGlassRefused.Kind.CONFLICT, null, "notLive", id);
        int changed = jdbc.sql("update break_glass_grant set ended_at = ?, ended_by = ? where id = ? and ended_at is null")
                .params(at(now()), who.getName(), id).update();
        if (changed == 0) throw new BreakGlassRefused(BreakGlassRefused.Kind.CONFLICT, null, "notLive", id);
        audit.record(new AuditEvent(who.getName(), AuditAction.REVOKE, target(id, g.scope()), "break-glass ended early", g.username(),
                AuditOutcome.SUCCESS, clientAddress));
        return find(id).orElseThrow();
    }

    /** An auditor's finding on a grant that is over; nobody reviews his own grant, and a review is final. */
    @Transactional
    public Grant review(Authentication who, long id, Finding finding, String note, String clientAddress) {
        if (!has(who, Role.AUDITOR)) throw new BreakGlassRefused(BreakGlassRefused.Kind.FORBIDDEN, null, "notAuditor");
        Grant g = find(id).orElseThrow(() -> new BreakGlassRefused(BreakGlassRefused.Kind.NOT_FOUND, "id", "notFound", id));
        if (g.username().equals(who.getName())) {
            audit.record(new AuditEvent(who.getName(), AuditAction.BREAK_GLASS_REVIEW, target(id, g.scope()), "own grant", "",
                    AuditOutcome.DENIED, clientAddress));
            throw new BreakGlassRefused(BreakGlassRefused.Kind.FORBIDDEN, null, "ownGrant", id);
        }
        if (finding == null) throw new BreakGlassRefused(BreakGlassRefused.Kind.INVALID, "finding", "findingMissing");
        String text = note == null ? "" : note.strip();
        if (text.isEmpty()) throw new BreakGlassRefused(BreakGlassRefused.Kind.INVALID, "note", "noteMissing");
        if (text.length() > MAX_TEXT) throw new BreakGlassRefused(BreakGlassRefused.Kind.INVALID, "note", "tooLong", MAX_TEXT);
        if (g.live()) throw new BreakGlassRefused(BreakGlassRefused.Kind.CONFLICT, null, "stillLive", id);
        int changed = jdbc.sql("""
                        update break_glass_grant set reviewed_at = ?, reviewed_by = ?, finding = ?, review_note = ?
                        where id = ? and finding is null""")
                .params(at(now()), who.getName(), finding.name(), text, id).update();
        if (changed == 0) throw new BreakGlassRefused(BreakGlassRefused.Kind.CONFLICT, null, "alreadyReviewed", id);
        audit.record(new AuditEvent(who.getName(), AuditAction.BREAK_GLASS_REVIEW, target(id, g.scope()), finding.name() + ": " + text,
                g.username(), AuditOutcome.SUCCESS, clientAddress));
        return find(id).orElseThrow();
    }

    public Optional<Grant> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from break_glass_grant where id = ?").param(id).query(this::grant).optional();
    }

    /** Newest first: every grant for auditors, or one administrator's own (username not null). */
    public List<Grant> recent(String username, int limit) {
        String where = username == null ? "" : " where username = :user";
        var spec = jdbc.sql("select " + COLUMNS + " from break_glass_grant" + where + " order by granted_at desc, id desc limit :limit")
                .param("limit", Math.clamp(limit, 1, 500));
        if (username != null) spec = spec.param("user", username);
        return spec.query(this::grant).list();
    }

    /** Grants that are over and still wait for an auditor's finding. */
    public long unreviewedCount() {
        return jdbc.sql("select count(*) from break_glass_grant where finding is null and (ended_at is not null or expires_at <= ?)")
                .param(at(now())).query(Long.class).single();
    }

    public static boolean has(Authentication who, Role role) {
        return who != null && who.getAuthorities().stream().anyMatch(a -> role.authority().equals(a.getAuthority()));
    }

    private Grant grant(ResultSet rs, int row) throws SQLException {
        Instant expires = instant(rs, "expires_at"), ended = instant(rs, "ended_at");
        Grant.Status status = ended != null ? Grant.Status.ENDED
                : now().isBefore(expires) ? Grant.Status.ACTIVE : Grant.Status.EXPIRED;
        String finding = rs.getString("finding");
        return new Grant(rs.getLong("id"), rs.getString("username"), Reason.valueOf(rs.getString("reason")),
                rs.getString("justification"), rs.getString("scope"), instant(rs, "granted_at"), expires, ended,
                rs.getString("ended_by"), status, instant(rs, "reviewed_at"), rs.getString("reviewed_by"),
                finding == null ? null : Finding.valueOf(finding), rs.getString("review_note"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String target(long id, String scope) {
        return "break-glass #" + id + (scope.isEmpty() ? "" : " scope " + scope);
    }

    /** Whole microseconds, as PostgreSQL keeps them: otherwise a stored time rounds past the clock's own. */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static OffsetDateTime at(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
