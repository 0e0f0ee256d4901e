package besa.exchange.attachment;

import besa.platform.SecretFiles;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Attachments on a node with the exchange enabled: files under {@code <data-dir>/exchange/attachments}, limits from configuration. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class AttachmentConfig {
    /** Deletes unused uploads and unclaimed partner uploads (Attachments.purge), hourly by default. */
    static final class Purge {
        private final Attachments attachments;
        private final Clock clock;
        private final java.time.Duration unused;
        private final java.time.Duration unclaimed;

        Purge(Attachments attachments, Clock clock, java.time.Duration unused, java.time.Duration unclaimed) {
            this.attachments = attachments;
            this.clock = clock;
            this.unused = unused;
            this.unclaimed = unclaimed;
        }

        @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${besa.exchange.attachment-purge:1h}",
                initialDelayString = "${besa.exchange.attachment-purge:1h}")
        void run() {
            var now = clock.instant();
            attachments.purge(now.minus(unused), now.minus(unclaimed));
        }
    }

    @Bean
    Purge exchangeAttachmentPurge(Attachments attachments, Clock clock,
                                  @Value("${besa.exchange.attachment-unused-after:7d}") java.time.Duration unused,
                                  @Value("${besa.exchange.message-validity:14d}") java.time.Duration validity,
                                  @Value("${besa.exchange.clock-skew:5m}") java.time.Duration skew) {
        // A partner's upload is kept as long as a message naming it could still arrive.
        return new Purge(attachments, clock, unused, validity.plus(skew).plus(skew));
    }

    /**
     * The key file that seals the files' keys: besa.exchange.attachments-key-file, default
     * {@code <data-dir>/exchange/attachments.key}. It goes with the database whose rows it seals (as
     * totp.key does), not with a node's signing keys: with an ephemeral database (tests) every context
     * of the JVM shares the database, and so this file.
     */
    @Bean
    AttachmentKeys exchangeAttachmentKeys(JdbcClient jdbc, @Value("${besa.data-dir:./data}") Path dataDir,
                                          @Value("${besa.db.ephemeral:false}") boolean ephemeral,
                                          @Value("${besa.exchange.attachments-key-file:}") String file) {
        return AttachmentKeys.openOrCreate(jdbc, file.isBlank()
                ? SecretFiles.baseDir(dataDir, ephemeral).resolve("exchange").resolve("attachments.key") : Path.of(file));
    }

    @Bean
    Attachments exchangeAttachments(JdbcClient jdbc, AttachmentKeys keys, Clock clock, @Value("${besa.data-dir:./data}") Path dataDir,
                                    @Value("${besa.db.ephemeral:false}") boolean ephemeral,
                                    @Value("${besa.exchange.attachment-dir:}") String dir,
                                    @Value("${besa.exchange.max-attachment-bytes:268435456}") long maxBytes,
                                    @Value("${besa.exchange.max-attachments:20}") int maxCount,
                                    @Value("${besa.exchange.max-unclaimed-bytes-per-partner:}") String maxUnclaimed) {
        Path d = dir.isBlank() ? SecretFiles.baseDir(dataDir, ephemeral).resolve("exchange").resolve("attachments") : Path.of(dir);
        // All of one message's files are unclaimed until it arrives, so the quota must hold the largest message
        // (Attachments refuses a smaller one); unset, it holds two of them.
        long quota = maxUnclaimed.isBlank() ? Math.multiplyExact(2L * maxCount, maxBytes) : Long.parseLong(maxUnclaimed.strip());
        Attachments attachments = new Attachments(jdbc, keys, clock, d, maxBytes, maxCount, quota);
        // Before the node serves anything: no file key left readable in the database by an older version (V163).
        int sealed = attachments.sealPlainKeys();
        if (sealed > 0) org.slf4j.LoggerFactory.getLogger(AttachmentConfig.class).info("Sealed {} attachment keys stored in the clear", sealed);
        return attachments;
    }
}
