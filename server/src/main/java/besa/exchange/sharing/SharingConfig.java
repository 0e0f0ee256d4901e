package besa.exchange.sharing;

import besa.audit.AuditLog;
import besa.exchange.envelope.Envelopes;
import besa.exchange.messages.Forwarding;
import besa.exchange.messages.Messages;
import besa.exchange.partner.PartnerRegistry;
import besa.intel.store.IntelStore;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/** Daily sharing on an exchange node: the service, the store's selector and the poll that builds due packages. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class SharingConfig {

    /**
     * Every {@code besa.exchange.sharing-poll} (default 1 minute, first run that long after start, so a
     * due time missed while the server was down is built then, once) runs what came due.
     */
    static final class Poll {
        private final DailySharing sharing;
        private final Clock clock;

        Poll(DailySharing sharing, Clock clock) {
            this.sharing = sharing;
            this.clock = clock;
        }

        @Scheduled(fixedDelayString = "${besa.exchange.sharing-poll:1m}", initialDelayString = "${besa.exchange.sharing-poll:1m}")
        void run() {
            sharing.runDue(clock.instant());
        }
    }

    @Bean
    StoreSelector sharingStoreSelector(JdbcClient jdbc, IntelStore store, Forwarding forwarding) {
        return new StoreSelector(jdbc, store, forwarding);
    }

    @Bean
    LeadSelector sharingLeadSelector(besa.vetting.release.LeadRelease leads, Forwarding forwarding, JdbcClient jdbc, AuditLog audit) {
        return new LeadSelector(leads, forwarding, jdbc, audit);
    }

    @Bean
    DailySharing dailySharing(PartnerRegistry partners, Messages messages, List<Selector> selectors, IntelStore store, Envelopes envelopes,
                              besa.access.AccessPolicy access, AuditLog audit, JdbcClient jdbc, TransactionTemplate tx, Clock clock,
                              @Value("${besa.exchange.sharing-max-entities:1000}") int maxEntities) {
        return new DailySharing(partners, messages, selectors, store, envelopes, access, audit, jdbc, tx, clock, maxEntities);
    }

    @Bean
    Poll sharingPoll(DailySharing sharing, Clock clock) {
        return new Poll(sharing, clock);
    }
}
