package besa.vetting.insider;

import besa.audit.AuditFeed;
import besa.audit.AuditSearch;
import besa.vetting.VettingAccess;
import besa.vetting.alert.AlertWriter;
import besa.vetting.personnel.PersonnelRegister;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import besa.intel.search.SearchService;

/**
 * The insider watch: reads the audit trail forward from its cursor ({@code insider_watch_cursor}, the
 * last entry index processed), a batch per transaction, and turns users' lookups into INSIDER alerts
 * (see {@link InsiderBatch} for the rules). A batch's findings and the cursor commit together, so a
 * run after a failure starts where the last good batch ended and nothing is counted twice. One run at
 * a time in this JVM; the cursor row is locked for another node.
 */
@Service
public class InsiderWatch {
    private static final Logger log = LoggerFactory.getLogger(InsiderWatch.class);

    private final VettingAccess access;
    private final AuditFeed feed;
    private final AuditSearch auditSearch;
    private final JdbcClient jdbc;
    private final AlertWriter alerts;
    private final PersonnelRegister personnel;
    private final SearchService search;
    private final InsiderSettings settings;
    private final besa.vetting.OfficerPseudonyms pseudonyms;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();

    InsiderWatch(VettingAccess access, AuditFeed feed, AuditSearch auditSearch, JdbcClient jdbc, AlertWriter alerts, PersonnelRegister personnel,
                 SearchService search, InsiderSettings settings, ObjectProvider<Clock> clock, besa.vetting.OfficerPseudonyms pseudonyms) {
        this.access = access;
        this.pseudonyms = pseudonyms;
        this.feed = feed;
        this.auditSearch = auditSearch;
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.personnel = personnel;
        this.search = search;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * What a run did.
     *
     * @param from     the cursor before the run (last entry processed, -1 for none)
     * @param to       the cursor after it
     * @param entries  audit entries read
     * @param lookups  consultations by users among them
     * @param findings findings merged into alerts
     * @param created  alerts created; {@code updated}, {@code reopened} likewise
     * @param finishedAt when the run ended
     */
    public record RunReport(long from, long to, long entries, long lookups, long findings, long created, long updated, long reopened,
                            Instant finishedAt) {
        /** What the user who ran it is shown (see {@link RunNotice}). */
        public RunNotice notice() {
            return new RunNotice(entries, finishedAt);
        }
    }

    /**
     * A run as a user is shown it: the audit entries read and when, never how many alerts or findings
     * it made. A count would tell a vetting officer that the run raised an alert he cannot see in his
     * queue, i.e. one about himself. The counts go to the log for operators.
     */
    public record RunNotice(long entries, Instant finishedAt) {}

    /** Processes every entry after the cursor, in batches, and returns what it did. */
    public RunReport run() {
        running.lock();
        try {
            long from = access.system(scope -> cursor(false));
            long[] totals = new long[6];
            long cursor = from;
            java.util.Map<String, SelfLinks> links = new java.util.HashMap<>(); // per run: the register and the store may change between runs
            while (true) {
                long at = cursor;
                InsiderBatch.Outcome o = access.system(scope -> {
                    long locked = cursor(true);
                    AuditFeed.Batch batch = feed.after(locked, settings.batchSize);
                    if (batch.lastIndex() == locked) return null;
                    InsiderBatch.Outcome outcome = new InsiderBatch(jdbc, alerts, personnel, pseudonyms, search, auditSearch, settings, links).process(batch.events());
                    jdbc.sql("insert into insider_watch_cursor (id, last_seq) values (1, ?) on conflict (id) do update set last_seq = excluded.last_seq")
                            .param(batch.lastIndex()).update();
                    return outcome.withCursor(batch.lastIndex(), batch.events().size());
                });
                if (o == null) break;
                cursor = o.cursor();
                totals[0] += o.entries();
                totals[1] += o.lookups();
                totals[2] += o.findings();
                totals[3] += o.created();
                totals[4] += o.updated();
                totals[5] += o.reopened();
                if (cursor == at) break;
            }
            RunReport r = new RunReport(from, cursor, totals[0], totals[1], totals[2], totals[3], totals[4], totals[5], clock.instant());
            if (r.entries() > 0) log.info("Insider watch: {}", r); // for operators; users see only r.notice()
            return r;
        } finally {
            running.unlock();
        }
    }

    /** The last entry processed, -1 before the first run. */
    private long cursor(boolean lock) {
        return jdbc.sql("select last_seq from insider_watch_cursor where id = 1" + (lock ? " for update" : ""))
                .query(Long.class).optional().orElse(-1L);
    }
}
