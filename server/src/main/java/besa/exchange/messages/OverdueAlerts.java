package besa.exchange.messages;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.exchange.ReplyDeadlines;
import besa.exchange.SharingDeadlines;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Requests past their reply deadline become alerts: a count for the liaison officers' pages, and one audit event
 * per request, written once ({@code exchange_overdue_alert} remembers which were alerted): a partner's request we
 * have not answered is a disclosure we owe ({@code DISCLOSURE}/{@code FAILED}, the partner as recipient); our
 * request a partner has not answered is a collection that did not come ({@code COLLECTION}/{@code FAILED}). Daily-sharing
 * packages left unapproved past {@code besa.exchange.sharing-approval-overdue} are counted and alerted the same way
 * ({@code exchange_sharing_overdue_alert}).
 */
public class OverdueAlerts {
    /** What is overdue now: requests in both directions, and daily-sharing packages left unapproved. */
    public record Count(int owedByUs, int owedToUs, int packagesUnapproved) {
        public int requests() {
            return owedByUs + owedToUs;
        }

        public int total() {
            return owedByUs + owedToUs + packagesUnapproved;
        }
    }

    private final ReplyDeadlines deadlines;
    private final SharingDeadlines packages;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;

    public OverdueAlerts(ReplyDeadlines deadlines, SharingDeadlines packages, JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Clock clock) {
        this.deadlines = deadlines;
        this.packages = packages;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    public Count count() {
        Instant now = clock.instant();
        return new Count((int) deadlines.countOwedByUs(now), (int) deadlines.countOwedToUs(now), (int) packages.countOverdue(now));
    }

    /** Alerts every overdue request and unapproved sharing package not alerted yet; returns how many were alerted now. */
    public int raise() {
        Instant now = clock.instant();
        int n = 0;
        for (ReplyDeadlines.Overdue o : deadlines.owedByUs(now)) n += alert(o, "OWED_BY_US");
        for (ReplyDeadlines.Overdue o : deadlines.owedToUs(now)) n += alert(o, "OWED_TO_US");
        for (SharingDeadlines.Unapproved u : packages.overdue(now)) n += alert(u);
        return n;
    }

    /**
     * A daily-sharing package nobody approved in time: a disclosure the schedule planned that has not happened
     * ({@code DISCLOSURE}/{@code FAILED}, the partner as recipient), once per package.
     */
    private int alert(SharingDeadlines.Unapproved u) {
        Integer done = tx.execute(s -> {
            int inserted = jdbc.sql("insert into exchange_sharing_overdue_alert (package_id, partner_id, built_at) values (?, ?, ?) on conflict do nothing")
                    .params(u.packageId(), u.partnerId(), Timestamp.from(u.builtAt())).update();
            if (inserted == 0) return 0;
            audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.DISCLOSURE, "exchange sharing package " + u.packageId() + " (" + u.category()
                    + ", schedule " + u.schedule() + ") for " + u.partnerId() + " unapproved since " + u.builtAt(),
                    "no liaison officer approved or refused it within " + packages.after() + " (besa.exchange.sharing-approval-overdue)",
                    u.partnerId(), AuditOutcome.FAILED, ""));
            return 1;
        });
        return done == null ? 0 : done;
    }

    private int alert(ReplyDeadlines.Overdue o, String direction) {
        Integer done = tx.execute(s -> {
            int inserted = jdbc.sql("""
                    insert into exchange_overdue_alert (message_id, direction, partner_id, reply_by) values (?, ?, ?, ?)
                    on conflict (message_id) do nothing""").params(o.messageId(), direction, o.partnerId(), Timestamp.from(o.replyBy())).update();
            if (inserted == 0) return 0;
            boolean ours = direction.equals("OWED_BY_US");
            // Before the commit and fail closed: no alert marked as raised without its audit event.
            audit.record(new AuditEvent(AuditEvent.SYSTEM, ours ? AuditAction.DISCLOSURE : AuditAction.COLLECTION,
                    "exchange " + o.kind() + " " + o.messageId() + (ours ? " from " : " to ") + o.partnerId() + " overdue since " + o.replyBy(),
                    (ours ? "we have not replied" : "the partner has not replied") + " by the " + o.priority() + " deadline",
                    o.partnerId(), AuditOutcome.FAILED, ""));
            return 1;
        });
        return done == null ? 0 : done;
    }

    /** Which requests were alerted (for the pages and tests). */
    public List<String> alerted() {
        return jdbc.sql("select message_id::text from exchange_overdue_alert order by alerted_at").query(String.class).list();
    }
}
