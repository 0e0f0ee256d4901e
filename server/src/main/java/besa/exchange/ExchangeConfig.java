package besa.exchange;

import besa.audit.AuditLog;
import besa.exchange.attachment.Attachments;
import besa.exchange.envelope.Envelopes;
import besa.exchange.node.NodeIdentity;
import besa.exchange.partner.PartnerRegistry;
import besa.exchange.transport.Backoff;
import besa.exchange.transport.DeliveryClient;
import besa.exchange.transport.ExchangeServer;
import besa.exchange.transport.Inbox;
import besa.exchange.transport.Outbox;
import besa.exchange.transport.OutboxWorker;
import besa.platform.SecretFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The exchange node, when {@code besa.exchange.enabled=true}: its identity (keys created on first
 * start), the mutual-TLS endpoint on its own port, the outbox worker and the sending service.
 * Settings under {@code besa.exchange.*}: see docs/exchange.md.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
@org.springframework.scheduling.annotation.EnableScheduling
class ExchangeConfig {

    /** Drops expired nonces hourly, so the replay store stays as large as the validity window. */
    static final class NoncePurge {
        private final Inbox inbox;

        NoncePurge(Inbox inbox) {
            this.inbox = inbox;
        }

        @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${besa.exchange.nonce-purge:1h}",
                initialDelayString = "${besa.exchange.nonce-purge:1h}")
        void purge() {
            inbox.purgeExpiredNonces();
        }
    }

    @Bean
    NoncePurge exchangeNoncePurge(Inbox inbox) {
        return new NoncePurge(inbox);
    }

    @Bean
    NodeIdentity nodeIdentity(@Value("${besa.exchange.node-id:}") String nodeId, @Value("${besa.exchange.agency:}") String agency,
                              @Value("${besa.exchange.key-dir:}") String keyDir, @Value("${besa.data-dir:./data}") Path dataDir,
                              @Value("${besa.db.ephemeral:false}") boolean ephemeral,
                              @Value("${besa.exchange.tls-hostnames:localhost,127.0.0.1}") String hostnames, Clock clock) {
        Path dir = keyDir.isBlank() ? SecretFiles.baseDir(dataDir, ephemeral).resolve("exchange") : Path.of(keyDir);
        return NodeIdentity.loadOrCreate(nodeId, agency, dir,
                Arrays.stream(hostnames.split("[,\\s]+")).filter(s -> !s.isBlank()).toList(), clock);
    }

    /** Partners declared in {@code besa.exchange.partners-file}, if set, are added or updated at start-up. */
    @Bean
    org.springframework.boot.ApplicationRunner exchangePartnersFile(@Value("${besa.exchange.partners-file:}") String file, PartnerRegistry registry) {
        return args -> {
            if (!file.isBlank()) besa.exchange.partner.PartnerFile.apply(Path.of(file), registry);
        };
    }

    @Bean
    Envelopes envelopes(NodeIdentity me, PartnerRegistry partners, Clock clock,
                        @Value("${besa.exchange.clock-skew:5m}") Duration skew) {
        return new Envelopes(me, partners, clock, skew);
    }

    @Bean
    Inbox exchangeInbox(NodeIdentity me, Envelopes envelopes, PartnerRegistry partners, Attachments attachments, JdbcClient jdbc,
                        TransactionTemplate tx, AuditLog audit, Clock clock, @Value("${besa.exchange.clock-skew:5m}") Duration skew,
                        org.springframework.beans.factory.ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        return new Inbox(me, envelopes, partners, attachments, jdbc, tx, audit, clock, skew,
                meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    @Bean
    ExchangeServer exchangeServer(NodeIdentity me, Inbox inbox, PartnerRegistry partners, Attachments attachments, AuditLog audit, Clock clock,
                                  @Value("${besa.exchange.bind-address:127.0.0.1}") String bind,
                                  @Value("${besa.exchange.port:8443}") int port,
                                  @Value("${besa.exchange.max-message-bytes:16777216}") long maxBytes,
                                  @Value("${besa.exchange.server-read-timeout:10m}") Duration read,
                                  @Value("${besa.exchange.server-write-timeout:2m}") Duration write,
                                  @Value("${besa.exchange.server-idle-timeout:30s}") Duration idle,
                                  @Value("${besa.exchange.server-max-connections:200}") int maxConnections,
                                  @Value("${besa.exchange.max-storing-deliveries:4}") int storing) {
        return new ExchangeServer(me, inbox, partners, attachments, audit, clock, new ExchangeServer.Limits(read, write, idle, maxConnections),
                bind, port, maxBytes, storing);
    }

    @Bean
    Outbox exchangeOutbox(JdbcClient jdbc, Clock clock) {
        return new Outbox(jdbc, clock);
    }

    @Bean
    DeliveryClient deliveryClient(NodeIdentity me, PartnerRegistry partners, Clock clock,
                                  @Value("${besa.exchange.connect-timeout:10s}") Duration connect,
                                  @Value("${besa.exchange.request-timeout:60s}") Duration request) {
        return new DeliveryClient(me, partners, clock, connect, request);
    }

    @Bean
    OutboxWorker outboxWorker(Outbox outbox, DeliveryClient client, PartnerRegistry partners, Envelopes envelopes, Attachments attachments,
                              AuditLog audit, Clock clock,
                              @Value("${besa.exchange.retry-base:2s}") Duration base, @Value("${besa.exchange.retry-max:1h}") Duration max,
                              @Value("${besa.exchange.lease:2m}") Duration lease, @Value("${besa.exchange.poll:5s}") Duration poll,
                              @Value("${besa.exchange.connect-timeout:10s}") Duration connect,
                              @Value("${besa.exchange.request-timeout:60s}") Duration request) {
        // A claimed row must not come due again while its attempt may still be running.
        if (lease.compareTo(connect.plus(request)) <= 0) {
            throw new IllegalArgumentException("besa.exchange.lease (" + lease + ") must be longer than connect-timeout + request-timeout ("
                    + connect.plus(request) + ")");
        }
        return new OutboxWorker(outbox, client, partners, envelopes, attachments, audit, clock, new Backoff(base, max), lease, poll, request);
    }

    @Bean
    Exchange exchange(NodeIdentity me, PartnerRegistry partners, Envelopes envelopes, Outbox outbox, OutboxWorker worker, Attachments attachments,
                      AuditLog audit, TransactionTemplate tx, Clock clock, @Value("${besa.exchange.message-validity:14d}") Duration validity,
                      org.springframework.beans.factory.ObjectProvider<OnwardRules> onward) {
        return new Exchange(me, partners, envelopes, outbox, worker, attachments, audit, tx, clock, validity, onward.getIfAvailable(() -> OnwardRules.NONE));
    }
}
