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
 * message (a partner down for hours shows here first), and requests past their reply deadline.
 * Counts only, never a partner's material.
 */
@Component
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class ExchangeMetrics implements MeterBinder {
    private final JdbcClient jdbc;
    private final ReplyDeadlines deadlines;
    private final Clock clock;

    ExchangeMetrics(JdbcClient jdbc, ReplyDeadlines deadlines, Clock clock) {
        this.jdbc = jdbc;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("besa.exchange.outbox.pending", this, m -> m.pending())
                .description("messages queued for a partner and not yet receipted").register(registry);
        Gauge.builder("besa.exchange.outbox.oldest.pending", this, m -> m.oldestPendingSeconds())
                .description("age of the oldest message not yet receipted").baseUnit("seconds").register(registry);
        Gauge.builder("besa.exchange.overdue", this, m -> m.deadlines.owedByUs(m.clock.instant()).size())
                .tag("owed", "by-us").description("partners' requests we have not answered by their deadline").register(registry);
        Gauge.builder("besa.exchange.overdue", this, m -> m.deadlines.owedToUs(m.clock.instant()).size())
                .tag("owed", "to-us").description("our requests partners have not answered by their deadline").register(registry);
    }

    double pending() {
        return jdbc.sql("select count(*) from exchange_outbox where status = 'PENDING'").query(Long.class).single();
    }

    double oldestPendingSeconds() {
        return jdbc.sql("select coalesce(extract(epoch from (now() - min(created_at))), 0) from exchange_outbox where status = 'PENDING'")
                .query(Double.class).single();
    }
}
