package besa.exchange;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What operations watch on a node (`/actuator/prometheus`): the outbox backlog and its oldest
 * message (a partner down for hours shows here first), requests past their reply deadline, and
 * daily-sharing packages left unapproved. Counts only, never a partner's material. (Refused incoming
 * messages are counted by reason where they are audited, transport.Inbox: besa.exchange.refused.)
 */
@Component
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class ExchangeMetrics implements MeterBinder {
    private final JdbcClient jdbc;
    private final ReplyDeadlines deadlines;
    private final SharingDeadlines packages;
    private final Clock clock;

    ExchangeMetrics(JdbcClient jdbc, ReplyDeadlines deadlines, SharingDeadlines packages, Clock clock) {
        this.jdbc = jdbc;
        this.deadlines = deadlines;
        this.packages = packages;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("besa.exchange.outbox.pending", this, m -> m.pending())
                .description("messages queued for a partner and not yet receipted").register(registry);
        Gauge.builder("besa.exchange.outbox.oldest.pending", this, m -> m.oldestPendingSeconds())
                .description("age of the oldest message not yet receipted").baseUnit("seconds").register(registry);
        // Counted by the database, not by listing the requests.
        Gauge.builder("besa.exchange.overdue", this, m -> m.deadlines.countOwedByUs(m.clock.instant()))
                .tag("owed", "by-us").description("partners' requests we have not answered by their deadline").register(registry);
        Gauge.builder("besa.exchange.overdue", this, m -> m.deadlines.countOwedToUs(m.clock.instant()))
                .tag("owed", "to-us").description("our requests partners have not answered by their deadline").register(registry);
        Gauge.builder("besa.exchange.sharing.unapproved.overdue", this, m -> m.packages.countOverdue(m.clock.instant()))
                .description("daily-sharing packages waiting for approval longer than besa.exchange.sharing-approval-overdue").register(registry);
    }

    double pending() {
        return jdbc.sql("select count(*) from exchange_outbox where status = 'PENDING'").query(Long.class).single();
    }

    double oldestPendingSeconds() {
        return jdbc.sql("select coalesce(extract(epoch from (now() - min(created_at))), 0) from exchange_outbox where status = 'PENDING'")
                .query(Double.class).single();
    }
}
