package besa.exchange.hit;

import besa.audit.AuditLog;
import besa.exchange.Exchange;
import besa.exchange.ReplyDeadlines;
import besa.exchange.node.NodeIdentity;
import besa.exchange.partner.PartnerRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/** Hit/no-hit and cross-matching on an exchange node; a worker answers what the inbox received. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class HitConfig {

    /** Reads the inbox for queries, data requests and cross-match messages (besa.exchange.hit-poll, default 2s). */
    static final class Worker {
        private final Hits hits;
        private final CrossMatch crossMatch;

        Worker(Hits hits, CrossMatch crossMatch) {
            this.hits = hits;
            this.crossMatch = crossMatch;
        }

        @Scheduled(fixedDelayString = "${besa.exchange.hit-poll:2s}", initialDelayString = "${besa.exchange.hit-poll:2s}")
        void run() {
            hits.work();
            crossMatch.work();
        }
    }

    /** Ends cross-match runs that got no reply by their deadline and drops their secrets (besa.exchange.xmatch-expiry-check, default 15m). */
    static final class CrossMatchExpiry {
        private final CrossMatch crossMatch;
        private final Clock clock;

        CrossMatchExpiry(CrossMatch crossMatch, Clock clock) {
            this.crossMatch = crossMatch;
            this.clock = clock;
        }

        @Scheduled(fixedDelayString = "${besa.exchange.xmatch-expiry-check:15m}", initialDelayString = "${besa.exchange.xmatch-expiry-check:15m}")
        void run() {
            crossMatch.expire(clock.instant());
        }
    }

    @Bean
    CrossMatchExpiry crossMatchExpiry(CrossMatch crossMatch, Clock clock) {
        return new CrossMatchExpiry(crossMatch, clock);
    }

    @Bean
    Hits hits(Exchange exchange, PartnerRegistry partners, JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Clock clock, ReplyDeadlines deadlines,
              besa.access.AccessPolicy access, besa.intel.store.IntelStore store, PartnerLimits limits) {
        return new Hits(exchange, partners, jdbc, tx, audit, clock, deadlines, access, store, limits);
    }

    /**
     * What a partner may ask of us: besa.exchange.limits.{hit-queries-per-hour, hit-queries-per-day, xmatch-runs-per-day,
     * xmatch-records-per-day} (0: no limit), each overridable per partner under besa.exchange.limits.partner.<id>.
     */
    @Bean
    PartnerLimits partnerLimits(JdbcClient jdbc, AuditLog audit, org.springframework.core.env.Environment env) {
        PartnerLimits.Limits defaults = limits(env, "besa.exchange.limits.", new PartnerLimits.Limits(60, 300, 10, 200_000));
        checkPerPartner(env, defaults);
        return new PartnerLimits(jdbc, audit, defaults, (partner, d) -> limits(env, "besa.exchange.limits.partner." + partner + ".", d));
    }

    /**
     * Every per-partner setting, checked at start: a typo or a negative value found only when that partner asks would
     * fail each poll instead of the start.
     */
    static void checkPerPartner(org.springframework.core.env.Environment env, PartnerLimits.Limits defaults) {
        // Flattened: "<partner>.<limit>" -> value.
        var settings = org.springframework.boot.context.properties.bind.Binder.get(env).bind("besa.exchange.limits.partner",
                org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class, String.class)).orElse(java.util.Map.of());
        for (String key : settings.keySet()) {
            int dot = key.lastIndexOf('.');
            if (dot < 1 || !LIMIT_NAMES.contains(key.substring(dot + 1))) {
                throw new IllegalStateException("besa.exchange.limits.partner." + key + " is not a partner limit; expected besa.exchange.limits.partner.<partner id>.<"
                        + String.join("|", LIMIT_NAMES) + ">");
            }
            limits(env, "besa.exchange.limits.partner." + key.substring(0, dot) + ".", defaults);
        }
    }

    private static final java.util.List<String> LIMIT_NAMES =
            java.util.List.of("hit-queries-per-hour", "hit-queries-per-day", "xmatch-runs-per-day", "xmatch-records-per-day");

    private static PartnerLimits.Limits limits(org.springframework.core.env.Environment env, String prefix, PartnerLimits.Limits d) {
        try {
            return new PartnerLimits.Limits(env.getProperty(prefix + "hit-queries-per-hour", Integer.class, d.hitQueriesPerHour()),
                    env.getProperty(prefix + "hit-queries-per-day", Integer.class, d.hitQueriesPerDay()),
                    env.getProperty(prefix + "xmatch-runs-per-day", Integer.class, d.xmatchRunsPerDay()),
                    env.getProperty(prefix + "xmatch-records-per-day", Integer.class, d.xmatchRecordsPerDay()));
        } catch (IllegalArgumentException | org.springframework.core.convert.ConversionException e) { // negative, or not a whole number
            throw new IllegalStateException(prefix + "*: " + e.getMessage(), e);
        }
    }

    /** The key file of the matching secrets: besa.exchange.secrets-key-file, default secrets.key beside the node's keys. */
    @Bean
    SecretVault exchangeSecretVault(JdbcClient jdbc, NodeIdentity me, @Value("${besa.exchange.secrets-key-file:}") String file) {
        return new SecretVault(jdbc, file.isBlank() ? me.keyDir().resolve("secrets.key") : Path.of(file));
    }

    /** Opens the key file at start-up (after the migrations), so a missing or wrong file stops the node at once. */
    @Bean
    SmartInitializingSingleton exchangeSecretVaultCheck(SecretVault vault) {
        return () -> vault.keys();
    }

    @Bean
    CrossMatch crossMatch(Exchange exchange, PartnerRegistry partners, JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Clock clock,
                          SecretVault vault, @Value("${besa.exchange.xmatch-pad-step:0}") int padStep, PartnerLimits limits) {
        return new CrossMatch(exchange, partners, jdbc, tx, audit, clock, vault, padStep, limits);
    }

    @Bean
    CrossMatchService crossMatchService(CrossMatch crossMatch, PartnerRegistry partners, AuditLog audit) {
        return new CrossMatchService(crossMatch, partners, audit);
    }

    @Bean
    Worker hitWorker(Hits hits, CrossMatch crossMatch) {
        return new Worker(hits, crossMatch);
    }
}
