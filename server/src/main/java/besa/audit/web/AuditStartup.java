package besa.audit.web;

import besa.audit.AuditLog;
import besa.audit.AuditSettings;
import besa.audit.AuditStartupCheck;
import besa.audit.FileWitness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * At server start-up, before the web server accepts requests: fill missing search rows, open the
 * audit log and check it against the newest witnessed checkpoint (fail closed). Then, while the
 * server runs, fill the search rows of new entries every few seconds. Only the server
 * runs this (this package is left out of the offline command contexts, which only read).
 */
@Component
class AuditStartup implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(AuditStartup.class);

    private final AuditLog auditLog;
    private final AuditSettings settings;
    private final FileWitness folder;
    private final boolean allowInconsistent;

    AuditStartup(AuditLog auditLog, AuditSettings settings, FileWitness folder,
            @Value("${besa.audit.allow-inconsistent-start:false}") boolean allowInconsistent) {
        this.auditLog = auditLog;
        this.settings = settings;
        this.folder = folder;
        this.allowInconsistent = allowInconsistent;
    }

    /** Keeps the search rows close behind the trail, so a search rarely has much to catch up. */
    @Scheduled(fixedDelayString = "${besa.audit.search-catch-up:5s}", initialDelayString = "${besa.audit.search-catch-up:5s}")
    void catchUpSearch() {
        try {
            auditLog.store().catchUpSearch();
        } catch (RuntimeException e) {
            log.warn("Audit search rows could not catch up (searches will retry): {}", e.getMessage());
        }
    }

    @Override
    public void afterPropertiesSet() {
        long added = auditLog.store().catchUpSearch();
        if (added > 0) log.info("Audit search: filled the search rows of {} entries", added);
        AuditStartupCheck.of(auditLog, settings, folder).run(allowInconsistent);
    }
}
