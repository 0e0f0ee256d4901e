package besa.exchange;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Daily-sharing packages left unapproved: built and held for a second liaison officer longer than
 * {@code besa.exchange.sharing-approval-overdue} (default 24 hours). They raise an overdue alert like
 * requests past their reply deadline do (messages.OverdueAlerts) and are counted on the exchange pages
 * and in the metrics.
 */
@Component
public class SharingDeadlines {
    /** A package waiting for approval since {@code builtAt}. */
    public record Unapproved(UUID packageId, UUID schedule, String partnerId, String category, Instant builtAt) {}

    private static final String UNAPPROVED = """
            from exchange_sharing_package p join exchange_draft d on d.id = p.draft_id
            where p.outcome = 'BUILT' and d.status = 'PENDING_APPROVAL' and p.built_at < ?""";

    private final JdbcClient jdbc;
    private final Duration after;

    public SharingDeadlines(JdbcClient jdbc, @Value("${besa.exchange.sharing-approval-overdue:24h}") Duration after) {
        if (after.isNegative() || after.isZero()) throw new IllegalArgumentException("besa.exchange.sharing-approval-overdue must be positive");
        this.jdbc = jdbc;
        this.after = after;
    }

    /** How long a package may wait for approval before it is overdue. */
    public Duration after() {
        return after;
    }

    /** Packages still waiting for approval longer than {@link #after()} at {@code now}, oldest first. */
    public List<Unapproved> overdue(Instant now) {
        return jdbc.sql("select p.id, p.schedule_id, p.partner_id, p.category, p.built_at " + UNAPPROVED + " order by p.built_at")
                .param(Timestamp.from(now.minus(after)))
                .query((rs, n) -> new Unapproved(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant())).list();
    }

    public long countOverdue(Instant now) {
        return jdbc.sql("select count(*) " + UNAPPROVED).param(Timestamp.from(now.minus(after))).query(Long.class).single();
    }
}
