package besa.vetting.casefile;

import besa.access.CompartmentKind;
import besa.access.Compartments;
import besa.access.ReadScope;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.intel.store.EntityView;
import besa.intel.store.IntelStore;
import besa.vetting.VettingAccess;
import besa.vetting.alert.AlertStore;
import besa.vetting.casefile.CaseFile.Evidence;
import besa.vetting.casefile.CaseFile.Summary;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.PersonnelRegister;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Case files carried to a human decision. A case is about one officer and lives in a VETTING
 * compartment whose members alone see it (row-level security, V90), never the officer himself. Each
 * of the law's three pillars gets evidence and a reasoned finding; the case closes with an outcome
 * only once all three have one, and only by a person: nothing here decides by itself.
 *
 * <p>Every action runs through {@link VettingAccess} as the current user and is audited in its
 * transaction (an audit trail that cannot record it rolls the action back). A case the user may not
 * see answers exactly like a missing one; when the user is its subject, a SECURITY_ALERT is recorded.
 */
@Service
public class Cases {
    /** Largest uploaded file kept as evidence. */
    public static final int MAX_FILE_BYTES = 20 * 1024 * 1024;
    /** Longest note, reason or reasoning, in characters. */
    public static final int MAX_TEXT = 20_000;
    /** The reason an ESCALATE decision carries on the alert, whoever reads it. */
    public static final String ESCALATED = "escalated to a case";

    private final VettingAccess access;
    private final CaseStore store;
    private final PersonnelRegister personnel;
    private final Compartments compartments;
    private final IntelStore intel;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final CaseExport exporter;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    Cases(VettingAccess access, CaseStore store, PersonnelRegister personnel, Compartments compartments, IntelStore intel, AuditLog audit,
          JdbcClient jdbc, CaseExport exporter, ObjectProvider<Clock> clock) {
        this.access = access;
        this.store = store;
        this.personnel = personnel;
        this.compartments = compartments;
        this.intel = intel;
        this.audit = audit;
        this.jdbc = jdbc;
        this.exporter = exporter;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The cases the user is a member of (never one about himself), newest first. */
    public List<Summary> mine(String client) {
        return access.read(scope -> {
            List<Summary> list = store.list();
            record(scope, AuditAction.CONSULTATION, "vetting cases: list (" + list.size() + ")", "", "", client);
            return list;
        });
    }

    /** The whole case, or NOT_FOUND for a missing case, a case of which the user is no member, or one about him. */
    public CaseFile find(long id, String client) {
        return onCase(id, client, false, scope -> {
            CaseFile c = load(id);
            record(scope, AuditAction.CONSULTATION, target(c.summary()), "", "", client);
            return c;
        });
    }

    /**
     * Opens a case on an officer, directly or from an alert (which is then escalated, with an
     * ESCALATE decision, and linked as evidence of the background pillar). The opener becomes its
     * first member. One open case per officer: a second is refused, naming the existing one only to
     * those who may see it.
     */
    public Summary open(String officerId, Long alertId, String reason, String client) {
        String why = text("reason", reason);
        return access.write(scope -> {
            String officer = officerId == null || officerId.isBlank() ? null : officerId.strip();
            if (alertId != null) {
                var alert = jdbc.sql("select officer_id from vetting_alert where id = ? for update").param(alertId)
                        .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional()
                        .orElseThrow(() -> CaseRefused.invalid("alertId", "alertNotFound", alertId));
                if (alert.isEmpty()) throw CaseRefused.invalid("alertId", "alertWithoutOfficer", alertId);
                if (officer == null) officer = alert.get();
                else if (!officer.equals(alert.get())) throw CaseRefused.invalid("alertId", "alertOtherOfficer", alertId, officer);
            }
            if (officer == null) throw CaseRefused.invalid("officerId", "officerRequired");
            if (besa.vetting.personnel.OfficerIds.same(officer, scope.officer())) throw new CaseRefused(CaseRefused.Kind.FORBIDDEN, "officerId", "self");
            String subject = officer;
            personnel.find(subject).orElseThrow(() -> CaseRefused.invalid("officerId", "unknownOfficer", subject));
            // One opening per officer at a time, then one reference number at a time.
            jdbc.sql("select pg_advisory_xact_lock(hashtext('besa.vetting_case:' || ?))").param(subject).query().singleRow();
            Optional<Long> existing = privileged(() -> jdbc.sql("select id from vetting_case where officer_id = ? and status = 'OPEN'")
                    .param(subject).query(Long.class).optional());
            if (existing.isPresent()) {
                Optional<Summary> visible = store.summary(existing.get());
                if (visible.isPresent()) throw new CaseRefused(CaseRefused.Kind.CONFLICT, "officerId", "alreadyOpen", visible.get().reference());
                throw new CaseRefused(CaseRefused.Kind.CONFLICT, "officerId", "cannotOpen");
            }
            String user = scope.username();
            long compartment = privileged(() -> {
                String reference = nextReference();
                long c = compartments.create(CompartmentKind.VETTING, reference, "Vetting case " + reference, subject);
                compartments.grant(c, user, user);
                return c;
            });
            // The new membership into this transaction's settings, so the user's row security shows the case.
            jdbc.sql("select set_config('besa.compartments', (besa_member_of() || ?::bigint)::text, true)").param(compartment).query().singleRow();
            long id = jdbc.sql("insert into vetting_case (officer_id, compartment_id, opened_by) values (?, ?, ?) returning id")
                    .params(subject, compartment, user).query(Long.class).single();
            for (Pillar p : Pillar.values()) {
                jdbc.sql("insert into vetting_pillar (case_id, pillar) values (?, ?)").params(id, p.name()).update();
            }
            store.history(id, "OPEN", null, alertId == null ? null : "alert " + alertId, why, user);
            if (alertId != null) {
                jdbc.sql("update vetting_alert set status = 'ESCALATED', updated_at = now() where id = ?").param(alertId).update();
                // Every vetting officer reads the alert's decisions, members of the case or not: a fixed
                // text there; the opener's own reason stays in the case (its OPEN history entry).
                jdbc.sql("insert into vetting_decision (alert_id, verdict, reason, decided_by) values (?, 'ESCALATE', ?, ?)")
                        .params(alertId, ESCALATED, user).update();
                linkAlert(id, subject, Pillar.BACKGROUND, alertId, user);
            }
            Summary s = store.summary(id).orElseThrow();
            record(scope, AuditAction.DECISION, target(s) + " opened" + (alertId == null ? "" : " from alert " + alertId), why, "", client);
            return s;
        });
    }

    /**
     * Adds a member: who may take an alert may sit on a case (an enabled, unsuspended vetting officer
     * whose own vetting is clear, no service account), never the officer concerned.
     */
    public void addMember(long id, String username, String reason, String client) {
        String why = text("reason", reason);
        String who = text("username", username);
        onCase(id, client, true, scope -> {
            Summary s = store.lock(id).orElseThrow(CaseRefused::notFound);
            long compartment = store.compartment(id);
            // The same rule as for taking an alert (no service account, not suspended, cleared), never the subject.
            boolean eligible = jdbc.sql("select (" + AlertStore.MAY_DO_VETTING_WORK + ") and upper(btrim(coalesce(officer_id, ''))) <> upper(btrim(?)) from app_user where username = ?")
                    .params(s.officerId(), who).query(Boolean.class).optional().orElse(false);
            if (!eligible) throw CaseRefused.invalid("username", "memberNotEligible", who);
            if (members(compartment).contains(who)) throw new CaseRefused(CaseRefused.Kind.CONFLICT, "username", "alreadyMember", who);
            privileged(() -> {
                compartments.grant(compartment, who, scope.username());
                return null;
            });
            store.history(id, "MEMBER_ADDED", null, who, why, scope.username());
            audit.record(new AuditEvent(scope.username(), AuditAction.GRANT, target(s) + " member " + who, why, who, AuditOutcome.SUCCESS, client));
            return null;
        });
    }

    /**
     * Removes a member. The opener stays (no member can push out the one who answers for the case and
     * carry it on alone), and so does the last member (a case nobody can see would be lost).
     */
    public void removeMember(long id, String username, String reason, String client) {
        String why = text("reason", reason);
        String who = text("username", username);
        onCase(id, client, true, scope -> {
            Summary s = store.lock(id).orElseThrow(CaseRefused::notFound);
            long compartment = store.compartment(id);
            List<String> members = members(compartment);
            if (!members.contains(who)) throw CaseRefused.invalid("username", "notMember", who);
            if (members.size() == 1) throw new CaseRefused(CaseRefused.Kind.CONFLICT, "username", "lastMember", who);
            if (who.equals(s.openedBy())) throw new CaseRefused(CaseRefused.Kind.CONFLICT, "username", "openerStays", who);
            privileged(() -> compartments.revoke(compartment, who));
            store.history(id, "MEMBER_REMOVED", null, who, why, scope.username());
            audit.record(new AuditEvent(scope.username(), AuditAction.REVOKE, target(s) + " member " + who, why, who, AuditOutcome.SUCCESS, client));
            return null;
        });
    }

    /** What to add as evidence: an alert or entity id as {@code reference}; a note's text or a file's bytes as {@code content}. */
    public record NewEvidence(Pillar pillar, EvidenceKind kind, String reference, String title, byte[] content) {}

    public Evidence addEvidence(long id, NewEvidence e, String client) {
        if (e.pillar() == null) throw CaseRefused.invalid("pillar", "pillarRequired");
        if (e.kind() == null) throw CaseRefused.invalid("kind", "kindRequired");
        return onCase(id, client, true, scope -> {
            Summary s = openCase(id);
            String user = scope.username();
            long evidence = switch (e.kind()) {
                case ALERT -> linkAlert(id, s.officerId(), e.pillar(), alertId(e.reference()), user);
                case ENTITY -> linkEntity(id, e.pillar(), e.reference(), scope, user);
                case NOTE -> {
                    String note = text("content", e.content() == null ? null : new String(e.content(), StandardCharsets.UTF_8));
                    String title = e.title() == null || e.title().isBlank() ? abbreviate(note, 80) : abbreviate(e.title().strip(), 200);
                    byte[] bytes = note.getBytes(StandardCharsets.UTF_8);
                    yield store.addEvidence(id, e.pillar(), EvidenceKind.NOTE, null, title, bytes, CaseExport.sha256(bytes), user);
                }
                case FILE -> {
                    if (e.content() == null || e.content().length == 0) throw CaseRefused.invalid("file", "fileRequired");
                    if (e.content().length > MAX_FILE_BYTES) throw CaseRefused.invalid("file", "fileTooLarge", MAX_FILE_BYTES / (1024 * 1024));
                    String name = text("title", e.title());
                    yield store.addEvidence(id, e.pillar(), EvidenceKind.FILE, null, abbreviate(name, 200), e.content(),
                            CaseExport.sha256(e.content()), user);
                }
            };
            Evidence added = store.pillars(id).stream().flatMap(p -> p.evidence().stream()).filter(x -> x.id() == evidence).findFirst().orElseThrow();
            store.history(id, "EVIDENCE", e.pillar(), e.kind().name(), added.title(), user);
            // An alert id, but never an entity id: the entity may be the officer's own record or phone.
            record(scope, AuditAction.ALTERATION, target(s) + " evidence " + evidence + " " + e.kind()
                    + (added.reference() == null || e.kind() != EvidenceKind.ALERT ? "" : " " + added.reference()), "", "", client);
            return added;
        });
    }

    /** Records a pillar's finding with its reasoning (a later finding replaces it; the history keeps both). */
    public void decide(long id, Pillar pillar, PillarFinding finding, String reasoning, String client) {
        if (pillar == null) throw CaseRefused.invalid("pillar", "pillarRequired");
        if (finding == null) throw CaseRefused.invalid("finding", "findingRequired");
        String why = text("reasoning", reasoning);
        onCase(id, client, true, scope -> {
            Summary s = openCase(id);
            jdbc.sql("update vetting_pillar set finding = ?, reasoning = ?, decided_by = ?, decided_at = now() where case_id = ? and pillar = ?")
                    .params(finding.name(), why, scope.username(), id, pillar.name()).update();
            store.history(id, "FINDING", pillar, finding.name(), why, scope.username());
            record(scope, AuditAction.DECISION, target(s) + " " + pillar + " finding " + finding, why, "", client);
            return null;
        });
    }

    /** Closes the case with its outcome: a person's decision, only once all three pillars have findings. */
    public void close(long id, Outcome outcome, String reason, String client) {
        if (outcome == null) throw CaseRefused.invalid("outcome", "outcomeRequired");
        String why = text("reason", reason);
        onCase(id, client, true, scope -> {
            Summary s = openCase(id);
            List<String> missing = store.pillars(id).stream().filter(p -> p.finding() == null).map(p -> p.pillar().name()).toList();
            if (!missing.isEmpty()) throw new CaseRefused(CaseRefused.Kind.CONFLICT, "outcome", "findingsMissing", String.join(", ", missing));
            jdbc.sql("""
                    update vetting_case set status = 'CLOSED', outcome = ?, outcome_reason = ?, closed_by = ?, closed_at = now()
                    where id = ?""").params(outcome.name(), why, scope.username(), id).update();
            store.history(id, "OUTCOME", null, outcome.name(), why, scope.username());
            record(scope, AuditAction.DECISION, target(s) + " closed " + outcome, why, "", client);
            return null;
        });
    }

    /**
     * The evidence export for a referral: a ZIP with the PDF report, every piece of evidence as
     * stored, and the manifest of their SHA-256 hashes. Needs a recipient and a reason; recorded as
     * a DISCLOSURE to that recipient before the bytes leave.
     */
    public CaseExport.Export export(long id, String recipient, String reason, java.util.Locale locale, String client) {
        String to = abbreviate(text("recipient", recipient), 200);
        String why = text("reason", reason);
        return onCase(id, client, true, scope -> {
            CaseFile c = load(id);
            for (Evidence e : c.evidence()) {
                if (e.kind() == EvidenceKind.ENTITY && !readable(e.reference(), scope)) {
                    throw new CaseRefused(CaseRefused.Kind.FORBIDDEN, "recipient", "entityNotReadable", e.reference());
                }
            }
            CaseExport.Export x = exporter.build(c, store.contents(id),
                    new CaseExport.Meta(scope.username(), clock.instant().atOffset(ZoneOffset.UTC).toInstant(), to, why), locale);
            store.history(id, "EXPORT", null, to, why, scope.username());
            audit.record(new AuditEvent(scope.username(), AuditAction.DISCLOSURE,
                    target(c.summary()) + " evidence export, manifest sha256 " + x.manifestSha256(), why, to, AuditOutcome.SUCCESS, client));
            return x;
        });
    }

    // --- helpers ---

    private CaseFile load(long id) {
        Summary s = store.summary(id).orElseThrow(CaseRefused::notFound);
        Object[] closing = store.closing(id);
        Officer officer = personnel.find(s.officerId()).orElse(null);
        return new CaseFile(s, officer, store.pillars(id), members(store.compartment(id)), store.decisions(id), store.alertDecisions(id),
                (String) closing[0], (String) closing[1], (java.time.Instant) closing[2]);
    }

    private Summary openCase(long id) {
        Summary s = store.lock(id).orElseThrow(CaseRefused::notFound);
        if (!s.open()) throw new CaseRefused(CaseRefused.Kind.CONFLICT, null, "closed", s.reference());
        return s;
    }

    private List<String> members(long compartment) {
        return jdbc.sql("select username from compartment_member where compartment_id = ? and revoked_at is null order by 1")
                .param(compartment).query(String.class).list();
    }

    /**
     * Freezes an alert into the case. Only an alert about the case's officer: by its officer id, or for
     * an insider alert without one, by the officer linked to its account; anything else is refused,
     * since it would travel to the prosecutor as evidence against the wrong person.
     */
    private long linkAlert(long caseId, String caseOfficer, Pillar pillar, long alertId, String user) {
        String about = jdbc.sql("""
                select coalesce(a.officer_id, (select u.officer_id from app_user u where u.username = a.username))
                from vetting_alert a where a.id = ?""").param(alertId).query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional()
                .orElseThrow(() -> CaseRefused.invalid("reference", "alertNotFound", alertId)).orElse(null);
        if (!caseOfficer.equals(about)) throw CaseRefused.invalid("reference", "alertOtherOfficer", alertId, caseOfficer);
        Map<String, Object> alert = jdbc.sql("""
                select id, origin, officer_id, username, status, score, assignee, created_at, updated_at from vetting_alert where id = ?""")
                .param(alertId).query((rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("alert", rs.getLong(1));
                    m.put("origin", rs.getString(2));
                    m.put("officerId", rs.getString(3));
                    m.put("username", rs.getString(4));
                    m.put("status", rs.getString(5));
                    m.put("score", rs.getDouble(6));
                    m.put("assignee", rs.getString(7));
                    m.put("createdAt", String.valueOf(CaseStore.instant(rs, 8)));
                    m.put("updatedAt", String.valueOf(CaseStore.instant(rs, 9)));
                    return m;
                }).optional().orElseThrow(() -> CaseRefused.invalid("reference", "alertNotFound", alertId));
        duplicate(caseId, pillar, EvidenceKind.ALERT, Long.toString(alertId));
        alert.put("factors", jdbc.sql("""
                select key, kind, weight, summary_sq, summary_en, evidence::text, active, first_seen, last_seen
                from vetting_factor where alert_id = ? order by weight desc, key""").param(alertId).query((rs, n) -> {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("key", rs.getString(1));
                    f.put("kind", rs.getString(2));
                    f.put("weight", rs.getDouble(3));
                    f.put("summarySq", rs.getString(4));
                    f.put("summaryEn", rs.getString(5));
                    f.put("evidence", json.readTree(rs.getString(6)));
                    f.put("active", rs.getBoolean(7));
                    f.put("firstSeen", String.valueOf(CaseStore.instant(rs, 8)));
                    f.put("lastSeen", String.valueOf(CaseStore.instant(rs, 9)));
                    return f;
                }).list());
        alert.put("decisions", jdbc.sql("select factor_key, verdict, reason, decided_by, decided_at from vetting_decision where alert_id = ? order by decided_at, id")
                .param(alertId).query((rs, n) -> {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("factorKey", rs.getString(1));
                    d.put("verdict", rs.getString(2));
                    d.put("reason", rs.getString(3));
                    d.put("decidedBy", rs.getString(4));
                    d.put("decidedAt", String.valueOf(CaseStore.instant(rs, 5)));
                    return d;
                }).list());
        byte[] bytes = json.writeValueAsBytes(alert);
        String title = "Alert #" + alertId + " (" + alert.get("origin") + ", " + String.format(java.util.Locale.ROOT, "%.2f", (Double) alert.get("score")) + ")";
        return store.addEvidence(caseId, pillar, EvidenceKind.ALERT, Long.toString(alertId), title, bytes, CaseExport.sha256(bytes), user);
    }

    /** An intelligence entity the user may read, frozen as he sees it now: statements with their provenance, relations. */
    private long linkEntity(long caseId, Pillar pillar, String reference, ReadScope scope, String user) {
        String ref = text("reference", reference);
        EntityView v = intel.find(ref, scope).orElseThrow(() -> CaseRefused.invalid("reference", "entityNotFound", ref));
        duplicate(caseId, pillar, EvidenceKind.ENTITY, ref);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entity", v.id());
        m.put("type", v.type().name());
        m.put("caption", v.caption());
        List<Map<String, Object>> statements = new ArrayList<>();
        v.statements().forEach(st -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("property", st.prop());
            x.put("value", st.value());
            x.put("original", st.original());
            var p = st.provenance();
            Map<String, Object> prov = new LinkedHashMap<>();
            prov.put("source", p.sourceId());
            prov.put("record", p.recordKey());
            prov.put("originator", p.originator());
            prov.put("legalBasis", p.legalBasis());
            prov.put("firstSeen", String.valueOf(p.firstSeen()));
            prov.put("lastSeen", String.valueOf(p.lastSeen()));
            prov.put("grading", String.valueOf(p.grading()));
            prov.put("handling", String.valueOf(p.handling()));
            x.put("provenance", prov);
            statements.add(x);
        });
        m.put("statements", statements);
        m.put("relations", v.edges().stream().map(ed -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("relation", ed.relationId());
            x.put("type", ed.type().name());
            x.put("direction", ed.outgoing() ? "out" : "in");
            x.put("other", ed.otherId());
            x.put("otherType", ed.otherType().name());
            x.put("otherCaption", ed.otherCaption());
            return x;
        }).toList());
        byte[] bytes = json.writeValueAsBytes(m);
        String title = abbreviate(v.type().name() + ": " + (v.caption() == null || v.caption().isBlank() ? v.id() : v.caption()), 200);
        return store.addEvidence(caseId, pillar, EvidenceKind.ENTITY, ref, title, bytes, CaseExport.sha256(bytes), user);
    }

    private void duplicate(long caseId, Pillar pillar, EvidenceKind kind, String reference) {
        boolean held = jdbc.sql("select exists (select 1 from vetting_evidence where case_id = ? and pillar = ? and kind = ? and reference = ?)")
                .params(caseId, pillar.name(), kind.name(), reference).query(Boolean.class).single();
        if (held) throw new CaseRefused(CaseRefused.Kind.CONFLICT, "reference", "duplicateEvidence", reference);
    }

    private boolean readable(String entityId, ReadScope scope) {
        return jdbc.sql("select exists (select 1 from entity e where e.id = ? and " + scope.entityReadable("e.id") + ")")
                .param(entityId).query(Boolean.class).single();
    }

    private static long alertId(String reference) {
        try {
            return Long.parseLong(text("reference", reference));
        } catch (NumberFormatException e) {
            throw CaseRefused.invalid("reference", "alertNumber", reference);
        }
    }

    /** VET-<year>-<six random digits>; callers hold the transaction (an advisory lock serialises the choice). */
    private String nextReference() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('besa.vetting_case_reference'))").query().singleRow();
        String prefix = "VET-" + clock.instant().atOffset(ZoneOffset.UTC).getYear() + "-";
        // A random suffix, not a counter: consecutive references would show a vetting officer the gap
        // where a case hidden from him (his own) was opened. Unique among compartment references.
        while (true) {
            String reference = prefix + (100_000 + REFERENCE_RANDOM.nextInt(900_000));
            boolean taken = jdbc.sql("select exists (select 1 from compartment where reference = ?)").param(reference)
                    .query(Boolean.class).single();
            if (!taken) return reference;
        }
    }

    private static final java.security.SecureRandom REFERENCE_RANDOM = new java.security.SecureRandom();

    /**
     * Runs {@code work} under the system settings (compartments are written only so, V60), then returns
     * the transaction to the user's settings; on failure the transaction rolls back with its settings.
     */
    private <T> T privileged(Supplier<T> work) {
        jdbc.sql("select set_config('besa.system', 'on', true)").query().singleRow();
        T result = work.get();
        jdbc.sql("select set_config('besa.system', '', true)").query().singleRow();
        return result;
    }

    /**
     * Runs case work; a case not found (missing, not his, or about him) is answered NOT_FOUND, after
     * recording the refusal, and a SECURITY_ALERT when the user is the officer the case is about.
     */
    private <T> T onCase(long id, String client, boolean write, Function<ReadScope, T> work) {
        try {
            return write ? access.write(work) : access.read(work);
        } catch (CaseRefused e) {
            if (e.kind() != CaseRefused.Kind.NOT_FOUND) throw e;
            String user = currentUser();
            boolean subject = access.system(s -> jdbc.sql("""
                    select exists (select 1 from vetting_case c join app_user u on upper(btrim(u.officer_id)) = upper(btrim(c.officer_id))
                                   where c.id = ? and u.username = ?)""").params(id, user).query(Boolean.class).single());
            String target = "vetting case " + id;
            if (subject) audit.record(new AuditEvent(user, AuditAction.SECURITY_ALERT, target, "", "", AuditOutcome.DENIED, client));
            audit.record(AuditEvent.of(user, AuditAction.CONSULTATION, target, AuditOutcome.DENIED, client));
            throw e;
        }
    }

    private void record(ReadScope scope, AuditAction action, String target, String why, String recipient, String client) {
        audit.record(new AuditEvent(scope.username(), action, target, why, recipient, AuditOutcome.SUCCESS, client));
    }

    /**
     * A case as the audit trail names it: its reference and id, never the officer (any auditor reads
     * the trail, the subject included); the vetting unit finds the officer from the reference.
     */
    private static String target(Summary s) {
        return "vetting case " + s.reference() + " (#" + s.id() + ")";
    }

    private static String currentUser() {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        return a == null || a.getName() == null ? "anonymous" : a.getName();
    }

    /** A required text: stripped, not blank, at most {@link #MAX_TEXT} characters. */
    static String text(String field, String value) {
        if (value == null || value.isBlank()) throw CaseRefused.invalid(field, "required", field);
        String v = value.strip();
        if (v.length() > MAX_TEXT) throw CaseRefused.invalid(field, "tooLong", field, MAX_TEXT);
        return v;
    }

    private static String abbreviate(String s, int max) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
