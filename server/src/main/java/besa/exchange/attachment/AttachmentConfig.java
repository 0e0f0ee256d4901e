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
    @Bean
    Attachments exchangeAttachments(JdbcClient jdbc, Clock clock, @Value("${besa.data-dir:./data}") Path dataDir,
                                    @Value("${besa.db.ephemeral:false}") boolean ephemeral,
                                    @Value("${besa.exchange.attachment-dir:}") String dir,
                                    @Value("${besa.exchange.max-attachment-bytes:268435456}") long maxBytes,
                                    @Value("${besa.exchange.max-attachments:20}") int maxCount) {
        Path d = dir.isBlank() ? SecretFiles.baseDir(dataDir, ephemeral).resolve("exchange").resolve("attachments") : Path.of(dir);
        return new Attachments(jdbc, clock, d, maxBytes, maxCount);
    }
}
