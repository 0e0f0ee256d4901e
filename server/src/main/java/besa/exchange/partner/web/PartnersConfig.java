package besa.exchange.partner.web;

import besa.audit.AuditLog;
import besa.exchange.partner.PartnerAdmin;
import besa.exchange.partner.PartnerRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The partner registry for liaison officers, on a node with the exchange enabled. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class PartnersConfig {
    @Bean
    PartnerAdmin partnerAdmin(PartnerRegistry registry, JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Clock clock,
                              @Value("${besa.exchange.permission-request-max-age:7d}") Duration permissionMaxAge,
                              besa.exchange.node.NodeIdentity me) {
        return new PartnerAdmin(registry, jdbc, tx, audit, clock, permissionMaxAge, me.agency());
    }
}
