package besa.audit;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail over {@code audit_entry}, its checkpoints and witnesses. */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

    @Bean
    AuditStore auditStore(DataSource dataSource) {
        return new AuditStore(dataSource, AuditStore.TABLE);
    }

    @Bean(destroyMethod = "close")
    AuditLog auditLog(AuditStore store) {
        return new AuditLog(store, Clock.systemUTC());
    }

    @Bean
    AuditSearch auditSearch(AuditStore store) {
        return new AuditSearch(store);
    }

    @Bean
    FileWitness fileWitness(AuditSettings settings) {
        return new FileWitness(settings.witnessDir());
    }

    @Bean
    PeerWitnesses peerWitnesses() {
        return new PeerWitnesses();
    }

    @Bean
    AuditCheckpoints auditCheckpoints(AuditLog log, AuditSettings settings, FileWitness folder, PeerWitnesses peers) {
        return new AuditCheckpoints(log, settings, folder, peers);
    }

    @Bean
    HttpWitness httpWitness(AuditSettings settings) {
        return new HttpWitness(settings);
    }
}
