package besa.audit.web;

import besa.audit.AuditCheckpoints;
import besa.audit.WitnessRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** Signs and witnesses a checkpoint every {@code besa.audit.checkpoint-interval} (default 60 s) while the server runs. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CheckpointSchedule {
    private static final Logger log = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final AuditCheckpoints checkpoints;

    CheckpointSchedule(AuditCheckpoints checkpoints) {
        this.checkpoints = checkpoints;
    }

    @Scheduled(fixedDelayString = "${besa.audit.checkpoint-interval:60s}", initialDelayString = "${besa.audit.checkpoint-interval:60s}")
    void checkpoint() {
        try {
            checkpoints.checkpoint();
        } catch (WitnessRefusedException | RuntimeException e) {
            log.error("Audit checkpoint failed: {}", e.getMessage());
        }
    }
}
