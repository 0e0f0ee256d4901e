package besa.vetting.insider;

import besa.audit.AuditAction;
import besa.audit.AuditFeed;
import besa.audit.AuditFilter;
import besa.audit.RecordedEvent;
import besa.audit.AuditSearch;
import besa.vetting.VettingAccess;
import besa.vetting.alert.AlertWriter;
import besa.vetting.personnel.PersonnelRegister;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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
            totals[2] += access.system(scope -> rescanGaps());
            RunReport r = new RunReport(from, cursor, totals[0], totals[1], totals[2], totals[3], totals[4], totals[5], clock.instant());
            if (r.entries() > 0) log.info("Insider watch: {}", r); // for operators; users see only r.notice()
            return r;
        } finally {
            running.unlock();
        }
    }

    /**
     * A canary marked again after a gap: the reads of it in the gap (between the last unmark and the new
     * mark) were processed while it was no canary, however long ago; they are read again from the trail
     * (direct reads of the entity, up to the cursor), once per new period ({@code canary_gap_scan}, V182).
     * Returns the findings merged.
     */
    private long rescanGaps() {
        long cursor = cursor(false);
        record Gap(String entity, java.sql.Timestamp markedAt, java.sql.Timestamp from) {}
        List<Gap> gaps = jdbc.sql("""
                select p.entity_id, p.marked_at, (select max(q.unmarked_at) from canary_period q
                                                  where q.entity_id = p.entity_id and q.marked_at < p.marked_at)
                from canary_period p
                where exists (select 1 from canary_period q where q.entity_id = p.entity_id and q.marked_at < p.marked_at and q.unmarked_at is not null)
                  and not exists (select 1 from canary_gap_scan g where g.entity_id = p.entity_id and g.marked_at = p.marked_at)
                order by p.marked_at""")
                .query((rs, n) -> new Gap(rs.getString(1), rs.getTimestamp(2), rs.getTimestamp(3))).list();
        long findings = 0;
        for (Gap g : gaps) {
            List<RecordedEvent> reads = new ArrayList<>();
            if (g.from() == null || !g.from().before(g.markedAt())) continue;
            AuditFilter f = new AuditFilter("", g.entity(), EnumSet.of(AuditAction.CONSULTATION), null, g.from().toInstant(), g.markedAt().toInstant(), "", "", "");
            auditSearch.stream(f, e -> {
                if (e.index() <= cursor && g.entity().equals(InsiderBatch.entityId(e.entry().event().target()))) reads.add(e.entry());
            });
            if (!reads.isEmpty()) {
                reads.sort(java.util.Comparator.comparingLong(RecordedEvent::index));
                findings += new InsiderBatch(jdbc, alerts, personnel, pseudonyms, search, auditSearch, settings, new java.util.HashMap<>())
                        .canaryRescan(reads).findings();
            }
            jdbc.sql("insert into canary_gap_scan (entity_id, marked_at) values (?, ?) on conflict do nothing").params(g.entity(), g.markedAt()).update();
        }
        return findings;
    }

    /** The last entry processed, -1 before the first run. */
    private long cursor(boolean lock) {
        return jdbc.sql("select last_seq from insider_watch_cursor where id = 1" + (lock ? " for update" : ""))
                .query(Long.class).optional().orElse(-1L);
    }
}
