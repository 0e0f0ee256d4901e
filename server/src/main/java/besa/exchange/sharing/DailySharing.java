package besa.exchange.sharing;

import besa.access.AccessPolicy;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.exchange.envelope.Envelopes;
import besa.exchange.envelope.LeadWire;
import besa.exchange.envelope.MessageKind;
import besa.exchange.envelope.Payload;
import besa.exchange.envelope.Priority;
import besa.exchange.envelope.Receipt;
import besa.exchange.envelope.RejectedException;
import besa.exchange.messages.MessageRefused;
import besa.exchange.messages.Messages;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.Partner;
import besa.exchange.partner.PartnerRegistry;
import besa.exchange.partner.Sharing;
import besa.intel.store.IntelStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Daily sharing: schedules per partner agreement, and the runs that build their packages. A package is
 * the schedule's new material as an exchange draft in the schedule owner's name, waiting for another
 * liaison officer ({@link Messages#approve} / {@link Messages#reject}, the same two-person rule as any
 * draft); approved, it is sent by Exchange.send as INFORMATION and follows the outbox to its receipt.
 */
public class DailySharing {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DailySharing.class);

    private final PartnerRegistry partners;
    private final Messages messages;
    private final List<Selector> selectors;
    private final IntelStore store;
    private final Envelopes envelopes;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final java.time.Clock clock;
    private final int maxEntities;

    public DailySharing(PartnerRegistry partners, Messages messages, List<Selector> selectors, IntelStore store, Envelopes envelopes,
                        AccessPolicy access, AuditLog audit, JdbcClient jdbc, TransactionTemplate tx, java.time.Clock clock, int maxEntities) {
        this.partners = partners;
        this.messages = messages;
        this.selectors = List.copyOf(selectors);
        this.store = store;
        this.envelopes = envelopes;
        this.access = access;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.maxEntities = maxEntities;
    }

    // ---------------------------------------------------------------- schedules

    public List<Schedule> schedules() {
        return jdbc.sql(SCHEDULE + " order by partner_id, category, at_time").query(DailySharing::schedule).list();
    }

    public Optional<Schedule> schedule(UUID id) {
        return jdbc.sql(SCHEDULE + " where id = ?").param(id).query(DailySharing::schedule).optional();
    }

    /** Categories some selector builds on this node. */
    public Set<Category> buildable() {
        Set<Category> out = EnumSet.noneOf(Category.class);
        selectors.forEach(s -> out.addAll(s.categories()));
        return out;
    }

    /** A new schedule; its first package holds material stored from now on. Audited (ALTERATION). */
    public Schedule create(String actor, ScheduleRequest r, String clientAddress) {
        Valid v = validate(actor, r, clientAddress);
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into exchange_sharing_schedule (id, partner_id, category, source_id, originator, at_time, weekdays, ceiling, active, since,
                    owner, created_by, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, v.partner, v.category.name(), v.source, v.originator, v.cadence.at(), v.cadence.weekdayBits(), v.ceiling.level(),
                        v.active, now, actor, actor, now, now)
                .update();
        Schedule s = schedule(id).orElseThrow();
        audit.record(new AuditEvent(actor, AuditAction.ALTERATION, "exchange sharing schedule " + id + " created", describe(s), s.partner(),
                AuditOutcome.SUCCESS, clientAddress));
        return s;
    }

    /** Changes a schedule; the editor becomes its owner (he chose what leaves, so another officer approves). Audited. */
    public Schedule update(String actor, UUID id, ScheduleRequest r, String clientAddress) {
        Schedule before = schedule(id).orElseThrow(() -> new MessageRefused(HttpStatus.NOT_FOUND, null, "no sharing schedule " + id));
        Valid v = validate(actor, r, clientAddress);
        if (!v.partner.equals(before.partner())) {
            throw new MessageRefused(HttpStatus.BAD_REQUEST, "partner", "a schedule stays with its partner; create a new one for " + v.partner);
        }
        Instant now = clock.instant();
        jdbc.sql("""
                update exchange_sharing_schedule set category = ?, source_id = ?, originator = ?, at_time = ?, weekdays = ?, ceiling = ?,
                    active = ?, owner = ?, updated_at = ?, last_due = case when ? and not active then ? else last_due end
                where id = ?""")
                .params(v.category.name(), v.source, v.originator, v.cadence.at(), v.cadence.weekdayBits(), v.ceiling.level(), v.active, actor,
                        Timestamp.from(now), v.active, Timestamp.from(now), id)
                .update();
        Schedule s = schedule(id).orElseThrow();
        audit.record(new AuditEvent(actor, AuditAction.ALTERATION, "exchange sharing schedule " + id + " changed",
                "was: " + describe(before) + "; now: " + describe(s), s.partner(), AuditOutcome.SUCCESS, clientAddress));
        return s;
    }

    /**
     * Pauses or resumes. A resumed schedule does not catch up on the due times it was paused for: its
     * next package comes at the next due time and holds everything new since its previous package.
     */
    public Schedule setActive(String actor, UUID id, boolean active, String clientAddress) {
        Schedule before = schedule(id).orElseThrow(() -> new MessageRefused(HttpStatus.NOT_FOUND, null, "no sharing schedule " + id));
        if (active && !before.active()) validateAgainstAgreement(actor, before.partner(), before.category(), before.ceiling(), clientAddress);
        Instant now = clock.instant();
        jdbc.sql("""
                update exchange_sharing_schedule set active = ?, updated_at = ?, last_due = case when ? and not active then ? else last_due end
                where id = ?""").params(active, Timestamp.from(now), active, Timestamp.from(now), id).update();
        Schedule s = schedule(id).orElseThrow();
        audit.record(new AuditEvent(actor, AuditAction.ALTERATION, "exchange sharing schedule " + id + (active ? " resumed" : " paused"),
                describe(s), s.partner(), AuditOutcome.SUCCESS, clientAddress));
        return s;
    }

    private record Valid(String partner, Category category, String source, String originator, Cadence cadence, HandlingCode ceiling,
                         boolean active) {}

    private Valid validate(String actor, ScheduleRequest r, String clientAddress) {
        String partnerId = blankToNull(r.partner());
        if (partnerId == null) throw new MessageRefused(HttpStatus.BAD_REQUEST, "partner", "choose a partner");
        Category category = parse(Category.class, r.category(), "category", "PERSON, ORGANISATION, VETTING_LEAD, CYBER_INDICATOR or OPERATION_RESULT");
        HandlingCode ceiling = parse(HandlingCode.class, r.ceiling(), "ceiling", "H0, H1, H2 or H3");
        LocalTime at;
        try {
            at = LocalTime.parse(r.time() == null ? "" : r.time().strip());
        } catch (DateTimeParseException e) {
            throw new MessageRefused(HttpStatus.BAD_REQUEST, "time", "the time must be HH:mm (Europe/Tirane), e.g. 07:30, not '" + r.time() + "'");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String d : r.days()) {
            if (d == null || d.isBlank()) continue;
            try {
                days.add(DayOfWeek.valueOf(d.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new MessageRefused(HttpStatus.BAD_REQUEST, "days", "unknown weekday '" + d + "'; MONDAY … SUNDAY, none for every day");
            }
        }
        String source = blankToNull(r.source());
        if (source != null && category == Category.VETTING_LEAD) {
            throw new MessageRefused(HttpStatus.BAD_REQUEST, "source", "vetting leads have no source in the store; limit the schedule to an originator");
        }
        if (source != null && store.source(source).isEmpty()) {
            throw new MessageRefused(HttpStatus.BAD_REQUEST, "source", "no source '" + source + "'");
        }
        validateAgainstAgreement(actor, partnerId, category, ceiling, clientAddress);
        if (!buildable().contains(category)) {
            throw new MessageRefused(HttpStatus.BAD_REQUEST, "category", category + " packages are not built on this node (only " + buildable() + ")");
        }
        return new Valid(partnerId, category, source, blankToNull(r.originator()), new Cadence(at, days), ceiling,
                r.active() == null || r.active());
    }

    /**
     * Sharing narrows: the agreement must cover the category, and the ceiling must exceed neither its maximum nor the
     * actor's own clearance (the package is built to the ceiling and held in his name: he would read it through his
     * drafts). Refusals audited.
     */
    private void validateAgainstAgreement(String actor, String partnerId, Category category, HandlingCode ceiling, String clientAddress) {
        Partner partner = partners.find(partnerId).filter(Partner::active)
                .orElseThrow(() -> new MessageRefused(HttpStatus.BAD_REQUEST, "partner", "no active partner '" + partnerId + "'"));
        Agreement agreement = partners.agreement(partner.id())
                .orElseThrow(() -> new MessageRefused(HttpStatus.BAD_REQUEST, "partner", "no agreement with partner '" + partner.id() + "'"));
        String field = null;
        String why = null;
        if (!agreement.categories().contains(category)) {
            field = "category";
            why = "the agreement with " + partner.id() + " does not cover " + category + " (it covers " + agreement.categories() + ")";
        } else if (!ceiling.atMost(agreement.maxHandling())) {
            field = "ceiling";
            why = "the ceiling " + ceiling + " is above the agreement's maximum " + agreement.maxHandling() + " with " + partner.id();
        } else if (ceiling.level() > access.scope().clearance()) {
            field = "ceiling";
            int clearance = access.scope().clearance();
            why = "the ceiling " + ceiling + " is above your own clearance (" + (clearance < 0 ? "none" : "H" + clearance) + ")";
        }
        if (why != null) {
            audit.record(new AuditEvent(actor, AuditAction.ALTERATION, "exchange sharing schedule for " + partner.id() + " refused", why,
                    partner.id(), AuditOutcome.DENIED, clientAddress));
            throw new MessageRefused(HttpStatus.BAD_REQUEST, field, why);
        }
    }

    // ---------------------------------------------------------------- runs

    /**
     * Builds the package of every active schedule that came due since its previous run, as of {@code now}
     * (the scheduler passes the clock's time; tests pass theirs). Due times missed while the server was
     * down give one package, for the latest of them. Returns how many runs were recorded.
     */
    public synchronized int runDue(Instant now) {
        int runs = 0;
        for (Schedule s : schedules()) {
            if (!s.active()) continue;
            Instant due = s.cadence().latest(now);
            Instant previous = s.lastDue() != null ? s.lastDue() : s.since();
            if (!due.isAfter(previous)) continue;
            try {
                if (Boolean.TRUE.equals(tx.execute(t -> build(s.id(), due, now)))) runs++;
            } catch (RuntimeException e) { // one schedule that cannot be built must not hold up the others; it is tried again next poll
                log.error("sharing schedule {} could not be run for {}: {}", s.id(), due, e.getMessage(), e);
            }
        }
        return runs;
    }

    /** One run, in the caller's transaction; false if another run had it (the row is locked, the due time re-checked). */
    private boolean build(UUID scheduleId, Instant due, Instant now) {
        Optional<Schedule> locked = jdbc.sql(SCHEDULE + " where id = ? and active for update skip locked").param(scheduleId)
                .query(DailySharing::schedule).optional();
        if (locked.isEmpty()) return false;
        Schedule s = locked.get();
        if (s.lastDue() != null && !due.isAfter(s.lastDue())) return false;
        UUID id = UUID.randomUUID();
        Optional<Agreement> agreement = partners.agreement(s.partner()).filter(a -> partners.find(s.partner()).map(Partner::active).orElse(false));
        Optional<Selector> selector = selectors.stream().filter(x -> x.categories().contains(s.category())).findFirst();
        String refusal = agreement.isEmpty() ? "no active partner or agreement " + s.partner()
                : !agreement.get().categories().contains(s.category()) ? "the agreement no longer covers " + s.category()
                : selector.isEmpty() ? s.category() + " packages are not built on this node" : null;
        if (refusal != null) {
            record(id, s, due, now, "NOT_ALLOWED", 0, 0, null, refusal);
            audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.DISCLOSURE, "exchange sharing package " + id + " not built", refusal,
                    s.partner(), AuditOutcome.DENIED, ""));
        } else {
            // The lower of the two ceilings: an agreement narrowed since the schedule was set is obeyed.
            HandlingCode ceiling = s.ceiling().atMost(agreement.get().maxHandling()) ? s.ceiling() : agreement.get().maxHandling();
            Selector.Selection sel = selector.get().select(s, ceiling, maxEntities);
            if (sel.entities().isEmpty()) {
                record(id, s, due, now, "NOTHING_NEW", 0, 0, null, sel.skipped() == 0 ? "nothing new" : sel.skipped() + " skipped: cannot travel as stored", sel.skipped());
            } else {
                Instant from = s.lastDue() != null ? s.lastDue() : s.since();
                Payload payload = new Payload("Daily sharing: " + s.category() + " stored since " + from + " (schedule " + s.id() + ")", sel.entities());
                Optional<String> violation = Sharing.violation(agreement.get(), payload);
                if (violation.isPresent()) throw new IllegalStateException("a selector built what the agreement refuses: " + violation.get());
                UUID draft = messages.hold(s.owner(), s.partner(), MessageKind.INFORMATION, Priority.ROUTINE, payload,
                        s.category() == Category.VETTING_LEAD ? "vetting lead package: a vetting officer other than " + s.owner() + " releases it"
                                : "daily sharing package: a liaison officer other than " + s.owner() + " approves");
                record(id, s, due, now, "BUILT", sel.entities().size(), sel.statements(), draft, "", sel.skipped());
                audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.DISCLOSURE, "exchange sharing package " + id + " built ("
                        + sel.entities().size() + " entities, " + sel.statements() + " statements), held for approval as draft " + draft,
                        "schedule " + s.id() + ", ceiling " + ceiling, s.partner(), AuditOutcome.SUCCESS, ""));
            }
            if (!sel.considered().isEmpty()) {
                jdbc.sql("insert into exchange_sharing_item (schedule_id, item_key, package_id) select ?, k, ? from jsonb_array_elements_text(?::jsonb) k")
                        .params(s.id(), id, JSON.writeValueAsString(sel.considered())).update();
            }
        }
        jdbc.sql("update exchange_sharing_schedule set last_due = ? where id = ?").params(Timestamp.from(due), s.id()).update();
        return true;
    }

    private void record(UUID id, Schedule s, Instant due, Instant now, String outcome, int entities, int statements, UUID draft, String note) {
        record(id, s, due, now, outcome, entities, statements, draft, note, 0);
    }

    private void record(UUID id, Schedule s, Instant due, Instant now, String outcome, int entities, int statements, UUID draft, String note,
                        int skipped) {
        jdbc.sql("""
                insert into exchange_sharing_package (id, outcome, schedule_id, partner_id, category, due_at, built_at, entities, statements, draft_id, note,
                                                      skipped)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, outcome, s.id(), s.partner(), s.category().name(), Timestamp.from(due), Timestamp.from(now), entities, statements, draft,
                        note, skipped)
                .update();
    }

    // ---------------------------------------------------------------- calendar, history, decisions

    /** A package coming due. */
    public record Due(Instant at, String partner, String category, UUID schedule, String ceiling, String source, String originator) {}

    /** Due times of the active schedules in the {@code days} days after {@code now}, by time then partner. */
    public List<Due> calendar(Instant now, int days) {
        List<Due> out = new ArrayList<>();
        Instant until = now.plus(Duration.ofDays(days));
        for (Schedule s : schedules()) {
            if (!s.active()) continue;
            for (Instant t : s.cadence().between(now, until)) {
                out.add(new Due(t, s.partner(), s.category().name(), s.id(), s.ceiling().name(), s.source(), s.originator()));
            }
        }
        out.sort(Comparator.comparing(Due::at).thenComparing(Due::partner));
        return out;
    }

    /** Runs, newest due first. */
    public List<SharingPackage> history(int limit) {
        return jdbc.sql(PACKAGE + " order by p.due_at desc, p.built_at desc limit ?").param(limit).query((rs, n) -> packageRow(rs)).list();
    }

    /**
     * Runs as liaison officers see them: a lead package (VETTING_LEAD) only as a row of counts and status, without its
     * package, draft or message id and without the vetting officer's reason, so that no one who is also a vetting officer
     * learns from here the id of a lead package the vetting unit did not show him (ADR 0006).
     */
    public List<SharingPackage> liaisonHistory(int limit) {
        return history(limit).stream().map(DailySharing::forLiaison).toList();
    }

    /** One run as liaison officers see it; empty for a lead package (see {@link #liaisonHistory}). */
    public Optional<SharingPackage> liaisonPkg(UUID id) {
        return pkg(id).filter(p -> !Category.VETTING_LEAD.name().equals(p.category()));
    }

    private static SharingPackage forLiaison(SharingPackage p) {
        if (!Category.VETTING_LEAD.name().equals(p.category())) return p;
        String note = "NOT_ALLOWED".equals(p.status()) || "NOTHING_NEW".equals(p.status()) ? p.note() : "";
        return new SharingPackage(null, p.schedule(), p.partner(), p.category(), p.dueAt(), p.builtAt(), p.entities(), p.statements(), p.status(),
                note, null, p.composedBy(), p.decidedBy(), p.decidedAt(), null, null, p.sentAt(), p.receiptedAt(), p.receipt(), p.receivedAt());
    }

    public Optional<SharingPackage> pkg(UUID id) {
        return jdbc.sql(PACKAGE + " where p.id = ?").param(id).query((rs, n) -> packageRow(rs)).optional();
    }

    /** Approves a package (Messages.approve: another officer than the owner, who can read all of it); it is sent. */
    public SharingPackage approve(String actor, UUID id, String reason, String clientAddress) {
        messages.approve(actor, draftOf(id), reason, clientAddress);
        return pkg(id).orElseThrow();
    }

    /** Refuses a package with a reason (Messages.reject): nothing leaves; its material is not offered again. */
    public SharingPackage refuse(String actor, UUID id, String reason, String clientAddress) {
        UUID draft = draftOf(id);
        messages.reject(actor, draft, reason, clientAddress);
        // A lead package refused because the vetting unit changed leads since it was built (approval answers 409):
        // those leads are no longer considered by the schedule, so its next package takes them as they are stored now.
        messages.draft(draft).filter(d -> LeadWire.carriesLeads(d.payload())).map(messages::staleLeads).ifPresent(stale -> {
            if (stale.changed().isEmpty()) return;
            jdbc.sql("delete from exchange_sharing_item where package_id = ? and item_key = any(?)")
                    .params(id, stale.changed().stream().map(l -> "lead:" + l).toArray(String[]::new)).update();
        });
        return pkg(id).orElseThrow();
    }

    /**
     * A lead package waiting for the vetting unit, with the leads exactly as they would leave, and how many leads were
     * left out when it was built because they cannot travel as stored (audited then, with the reasons).
     */
    public record LeadPackage(SharingPackage pkg, List<besa.exchange.envelope.LeadWire.Lead> leads, int skipped) {}

    /**
     * The lead packages the current user ({@code actor}, a vetting officer) may release now: not from his own schedules,
     * within his clearance, every lead readable by him (Messages.pendingLeadPackagesFor). The reads are audited by the
     * vetting unit's release interface.
     */
    public List<LeadPackage> pendingLeadsFor(String actor) {
        java.util.Map<UUID, List<besa.exchange.envelope.LeadWire.Lead>> byDraft = new java.util.HashMap<>();
        messages.pendingLeadPackagesFor(actor).forEach(p -> byDraft.put(p.draft().id(), p.leads()));
        if (byDraft.isEmpty()) return List.of();
        return jdbc.sql(PACKAGE + " where p.draft_id = any(?) order by p.due_at").param(byDraft.keySet().toArray(UUID[]::new))
                .query((rs, n) -> new LeadPackage(packageRow(rs), byDraft.get(rs.getObject(11, UUID.class)), rs.getInt("skipped"))).list();
    }

    /** The packages {@code actor} may decide now (the drafts Messages lists for him that are packages). */
    public List<SharingPackage> pendingFor(String actor) {
        Set<UUID> drafts = new java.util.HashSet<>();
        messages.pendingFor(actor).forEach(d -> drafts.add(d.id()));
        return history(500).stream().filter(p -> p.draft() != null && drafts.contains(p.draft())).toList();
    }

    private UUID draftOf(UUID id) {
        SharingPackage p = pkg(id).orElseThrow(() -> new MessageRefused(HttpStatus.NOT_FOUND, null, "no sharing package " + id));
        if (p.draft() == null) throw new MessageRefused(HttpStatus.CONFLICT, null, "package " + id + " is " + p.status() + ": nothing to decide");
        return p.draft();
    }

    private static final String SCHEDULE = """
            select id, partner_id, category, source_id, originator, at_time, weekdays, ceiling, active, since, last_due, owner, created_by,
                   created_at, updated_at from exchange_sharing_schedule""";

    private static Schedule schedule(ResultSet rs, int n) throws SQLException {
        return new Schedule(rs.getObject(1, UUID.class), rs.getString(2), Category.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                new Cadence(rs.getObject(6, LocalTime.class), Cadence.weekdays(rs.getInt(7))), HandlingCode.of(rs.getInt(8)), rs.getBoolean(9),
                rs.getTimestamp(10).toInstant(), instant(rs, 11), rs.getString(12), rs.getString(13), rs.getTimestamp(14).toInstant(),
                rs.getTimestamp(15).toInstant());
    }

    private static final String PACKAGE = """
            select p.id, p.schedule_id, p.partner_id, p.category, p.due_at, p.built_at, p.entities, p.statements, p.outcome, p.note, p.draft_id,
                   d.status, d.composed_by, d.decided_by, d.decided_at, d.reason, d.message_id, o.status, o.created_at, o.delivered_at,
                   o.receipt, o.jwe_sha256, o.last_error, p.skipped
            from exchange_sharing_package p left join exchange_draft d on d.id = p.draft_id
                 left join exchange_outbox o on o.message_id = d.message_id""";

    private SharingPackage packageRow(ResultSet rs) throws SQLException {
        String outcome = rs.getString(9);
        String draftStatus = rs.getString(12);
        String outbox = rs.getString(18);
        String note = rs.getString(10);
        String status = !"BUILT".equals(outcome) ? outcome
                : !"SENT".equals(draftStatus) ? ("PENDING_APPROVAL".equals(draftStatus) ? "PENDING_APPROVAL" : "REFUSED")
                : outbox == null || "PENDING".equals(outbox) ? "SENT"
                : "DELIVERED".equals(outbox) ? "RECEIPTED" : "REJECTED".equals(outbox) ? "FAILED" : outbox;
        if (("FAILED".equals(status) || "EXPIRED".equals(status)) && rs.getString(23) != null) note = rs.getString(23);
        String partner = rs.getString(3);
        UUID messageId = rs.getObject(17, UUID.class);
        String receipt = "NONE";
        Instant receivedAt = null;
        if (rs.getString(21) != null) {
            try { // checked again, not taken on trust: the partner's signature, our message id and the hash of the bytes we sent
                Receipt r = envelopes.verifyReceipt(rs.getString(21), partner);
                receipt = r.messageId().equals(messageId) && r.jweSha256().equals(rs.getString(22)) ? "VERIFIED" : "MISMATCH";
                receivedAt = r.receivedAt();
            } catch (RejectedException e) {
                receipt = "NOT VERIFIABLE NOW: " + e.getMessage();
            }
        }
        return new SharingPackage(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), partner, rs.getString(4),
                rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), rs.getInt(7), rs.getInt(8), status,
                "REFUSED".equals(status) && rs.getString(16) != null ? rs.getString(16) : note, rs.getObject(11, UUID.class), rs.getString(13),
                rs.getString(14), instant(rs, 15), rs.getString(16), messageId, instant(rs, 19), instant(rs, 20), receipt, receivedAt);
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toInstant();
    }

    static String describe(Schedule s) {
        return s.category() + " to " + s.partner() + (s.source() == null ? "" : ", source " + s.source())
                + (s.originator() == null ? "" : ", originator " + s.originator()) + ", " + (s.cadence().daily() ? "daily" : s.cadence().days())
                + " at " + s.cadence().at() + " Europe/Tirane, ceiling " + s.ceiling() + (s.active() ? "" : ", paused");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String known) {
        if (value == null || value.isBlank()) throw new MessageRefused(HttpStatus.BAD_REQUEST, field, "choose a " + field + ": " + known);
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MessageRefused(HttpStatus.BAD_REQUEST, field, "unknown " + field + " '" + value + "'; " + known);
        }
    }
}
