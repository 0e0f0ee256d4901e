package besa.vetting.insider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the insider watch every {@code besa.vetting.insider.interval} (one minute by default), unless
 * {@code besa.vetting.insider.enabled=false} (tests, which trigger runs themselves).
 */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "besa.vetting.insider.enabled", havingValue = "true", matchIfMissing = true)
class InsiderSchedule {
    private static final Logger log = LoggerFactory.getLogger(InsiderSchedule.class);

    private final InsiderWatch watch;

    InsiderSchedule(InsiderWatch watch) {
        this.watch = watch;
    }

    @Scheduled(fixedDelayString = "${besa.vetting.insider.interval:60s}", initialDelayString = "${besa.vetting.insider.interval:60s}")
    void run() {
        try {
            watch.run();
        } catch (RuntimeException e) { // the next run starts again from the cursor
            log.error("Insider watch run failed: {}", e.getMessage(), e);
        }
    }
}
