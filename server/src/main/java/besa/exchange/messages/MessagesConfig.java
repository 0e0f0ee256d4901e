package besa.exchange.messages;

import besa.access.AccessPolicy;
import besa.audit.AuditLog;
import besa.exchange.Exchange;
import besa.exchange.ReplyDeadlines;
import besa.exchange.partner.PartnerRegistry;
import besa.intel.store.IntelStore;
import besa.vetting.release.LeadRelease;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/** Messages for people, on a node with the exchange enabled ({@code besa.exchange.enabled=true}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class MessagesConfig {

    /** Writes received entities into the store shortly after they arrive. */
    static final class StoreReceived {
        private final Received received;

        StoreReceived(Received received) {
            this.received = received;
        }

        @Scheduled(fixedDelayString = "${besa.exchange.store-received:10s}", initialDelayString = "${besa.exchange.store-received:10s}")
        void run() {
            received.storePending();
        }
    }

    /** Alerts requests past their reply deadline, once each. */
    static final class RaiseOverdue {
        private final OverdueAlerts alerts;

        RaiseOverdue(OverdueAlerts alerts) {
            this.alerts = alerts;
        }

        @Scheduled(fixedDelayString = "${besa.exchange.overdue-check:5m}", initialDelayString = "${besa.exchange.overdue-check:5m}")
        void run() {
            alerts.raise();
        }
    }

    @Bean
    OverdueAlerts exchangeOverdueAlerts(ReplyDeadlines deadlines, besa.exchange.SharingDeadlines packages, JdbcClient jdbc, TransactionTemplate tx,
                                        AuditLog audit, Clock clock) {
        return new OverdueAlerts(deadlines, packages, jdbc, tx, audit, clock);
    }

    @Bean
    RaiseOverdue exchangeRaiseOverdue(OverdueAlerts alerts) {
        return new RaiseOverdue(alerts);
    }

    /** Before Spring Security's filters (order -100): an over-cap composer submission can carry no readable CSRF token. */
    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<UploadCap> exchangeComposerUploadCap(
            @Value("${spring.servlet.multipart.max-request-size:512MB}") org.springframework.util.unit.DataSize cap) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new UploadCap(cap.toBytes()));
        registration.setOrder(-101);
        registration.addUrlPatterns(UploadCap.PATH);
        return registration;
    }

    @Bean
    Forwarding exchangeForwarding(JdbcClient jdbc, besa.exchange.node.NodeIdentity me, LeadRelease leads) {
        return new Forwarding(jdbc, me.agency(), leads);
    }

    @Bean
    Received exchangeReceived(JdbcClient jdbc, TransactionTemplate tx, PartnerRegistry partners, IntelStore store,
                              org.springframework.context.ApplicationEventPublisher events, besa.exchange.node.NodeIdentity me, AuditLog audit,
                              LeadRelease leads) {
        return new Received(jdbc, tx, partners, store, events, me.nodeId(), audit, leads);
    }

    @Bean
    StoreReceived exchangeStoreReceived(Received received) {
        return new StoreReceived(received);
    }

    @Bean
    Threads exchangeThreads(JdbcClient jdbc, ReplyDeadlines deadlines, Clock clock) {
        return new Threads(jdbc, deadlines, clock);
    }

    @Bean
    Messages exchangeMessages(Exchange exchange, PartnerRegistry partners, IntelStore store, AccessPolicy access, Forwarding forwarding,
                              besa.exchange.attachment.Attachments attachments, AuditLog audit, JdbcClient jdbc, TransactionTemplate tx, Clock clock,
                              @Value("${besa.exchange.bulk-threshold:20}") int bulkThreshold, LeadRelease leads) {
        return new Messages(exchange, partners, store, access, forwarding, attachments, audit, jdbc, tx, clock, bulkThreshold, leads);
    }
}
