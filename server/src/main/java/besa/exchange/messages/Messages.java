package besa.exchange.messages;

import besa.access.AccessPolicy;
import besa.access.ReadScope;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.exchange.Exchange;
import besa.exchange.Outgoing;
import besa.exchange.SharingRefusedException;
import besa.exchange.attachment.AttachmentRefused;
import besa.exchange.attachment.Attachments;
import besa.exchange.envelope.LeadWire;
import besa.exchange.envelope.MessageKind;
import besa.exchange.envelope.Payload;
import besa.exchange.envelope.Priority;
import besa.exchange.envelope.SharedAttachment;
import besa.exchange.envelope.SharedEntity;
import besa.exchange.envelope.SharedStatement;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.Partner;
import besa.exchange.partner.PartnerRegistry;
import besa.exchange.partner.Sharing;
import besa.intel.model.Statement;
import besa.intel.store.EntityView;
import besa.intel.store.IntelStore;
import besa.vetting.release.LeadRelease;
import besa.vetting.release.ReleasableLead;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The composer: builds a message from entities in the store as the sender may read them, shows what
 * will leave and what stays behind (agreement, originator's handling), sends it, or holds it for a
 * second liaison officer when it carries H2/H3 material or many entities.
 */
public class Messages {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final Exchange exchange;
    private final PartnerRegistry partners;
    private final IntelStore store;
    private final AccessPolicy access;
    private final Forwarding forwarding;
    private final Attachments attachments;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int bulkThreshold;
    private final LeadRelease leads;

    public Messages(Exchange exchange, PartnerRegistry partners, IntelStore store, AccessPolicy access, Forwarding forwarding, Attachments attachments,
                    AuditLog audit, JdbcClient jdbc, TransactionTemplate tx, Clock clock, int bulkThreshold, LeadRelease leads) {
        this.leads = leads;
        this.exchange = exchange;
        this.partners = partners;
        this.store = store;
        this.access = access;
        this.forwarding = forwarding;
        this.attachments = attachments;
        this.audit = audit;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.bulkThreshold = bulkThreshold;
    }

    /** What {@code c} would send, built with the current user's read scope; nothing is queued or recorded. */
    public Preview preview(Compose c) {
        validate(c);
        Partner partner = partners.find(c.partner()).filter(Partner::active)
                .orElseThrow(() -> new MessageRefused(HttpStatus.BAD_REQUEST, "partner", "no active partner '" + c.partner() + "'"));
        Agreement agreement = partners.agreement(partner.id())
                .orElseThrow(() -> new MessageRefused(HttpStatus.BAD_REQUEST, "partner", "no agreement with partner '" + partner.id() + "'"));
        List<EntityView> views = access.read(scope -> c.entities().stream().map(id -> store.find(id, scope)).toList())
                .stream().flatMap(Optional::stream).toList();
        List<Preview.Withheld> withheld = new ArrayList<>();
        Set<String> found = new HashSet<>();
        views.forEach(v -> found.add(v.id()));
        for (String id : c.entities()) {
            if (!found.contains(id)) withheld.add(new Preview.Withheld(id, null, null, null, "not found")); // unreadable = missing
        }
        List<SharedEntity> entities = new ArrayList<>();
        for (EntityView v : views) {
            Category category = Category.of(v.type());
            if (!agreement.categories().contains(category)) {
                withheld.add(new Preview.Withheld(v.id(), null, null, null,
                        "the agreement with " + partner.id() + " does not cover " + category));
                continue;
            }
            List<SharedStatement> statements = new ArrayList<>();
            List<Statement> kept = new ArrayList<>();
            for (Statement s : v.statements()) {
                SharedStatement shared = shared(s);
                Optional<String> refused = Sharing.violation(agreement, new Payload("",
                        List.of(new SharedEntity(v.id(), v.type().name(), category, "", List.of(shared)))));
                if (refused.isEmpty()) refused = forwarding.refusal(v.id(), s, partner.id());
                if (refused.isPresent()) {
                    withheld.add(new Preview.Withheld(v.id(), s.prop(), s.value(), shared.handling().name(), refused.get()));
                } else {
                    statements.add(shared);
                    kept.add(s);
                }
            }
            if (statements.isEmpty()) {
                withheld.add(new Preview.Withheld(v.id(), null, null, null, "no statement of this entity may leave"));
                continue;
            }
            // The caption from what leaves only: the sender's caption may come from a statement held back here.
            entities.add(new SharedEntity(v.id(), v.type().name(), category, IntelStore.caption(v.type(), kept), statements));
        }
        List<SharedAttachment> files = new ArrayList<>();
        for (Attachments.Upload u : uploads(c.attachments())) {
            Optional<String> refused = forwardingRefusal(u.attachment().id(), partner.id());
            if (refused.isPresent()) {
                withheld.add(new Preview.Withheld(u.attachment().id().toString(), null, u.attachment().name(), null, refused.get()));
            } else {
                files.add(u.attachment());
            }
        }
        Payload payload = new Payload(c.note(), entities, files);
        List<String> approval = new ArrayList<>();
        if (entities.stream().flatMap(e -> e.statements().stream()).anyMatch(s -> !s.handling().atMost(HandlingCode.H1))) {
            approval.add("carries H2/H3 material");
        }
        // A file's content is not screened for handling codes, so a second officer looks at every message that carries one.
        if (!files.isEmpty()) approval.add("carries " + files.size() + " attachment(s): files are not screened for handling codes");
        if (entities.size() > bulkThreshold) approval.add("bulk: " + entities.size() + " entities (more than " + bulkThreshold + ")");
        return new Preview(partner.id(), agreement.legalBasis(), agreement.maxHandling().name(), payload, withheld, approval);
    }

    /**
     * Composes and, unless a second officer must approve, sends. Statements withheld by the
     * originator's handling are refusals and audited as such; the rest is what the preview showed.
     */
    public Draft compose(String actor, Compose c, String clientAddress) {
        Preview p = preview(c);
        auditForwardingRefusals(actor, p, clientAddress);
        if (c.previewDigest() != null && !c.previewDigest().isBlank() && !c.previewDigest().equals(p.digest())) {
            throw new MessageRefused(HttpStatus.CONFLICT, "previewDigest", "what would leave changed since the preview; preview again");
        }
        // Entities were asked for and none may leave: a note alone is not what the officer meant to send.
        if (!c.entities().isEmpty() && p.payload().entities().isEmpty()) {
            throw new MessageRefused(HttpStatus.BAD_REQUEST, "entities", "none of the entities may leave: " + describe(p.withheld()));
        }
        if (p.payload().attachments().size() < c.attachments().size()) {
            throw new MessageRefused(HttpStatus.FORBIDDEN, "attachments", "an attachment may not go to " + p.partner() + ": " + describe(p.withheld()));
        }
        if (!p.sendable()) throw new MessageRefused(HttpStatus.BAD_REQUEST, "entities", "nothing would leave: " + describe(p.withheld()));
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String needs = String.join("; ", p.approval());
        tx.executeWithoutResult(t -> {
            jdbc.sql("""
                    insert into exchange_draft (id, partner_id, kind, thread_id, priority, payload, needs, status, composed_by, composed_at)
                    values (?, ?, ?, ?, ?, ?::jsonb, ?, 'PENDING_APPROVAL', ?, ?)""")
                    .params(id, p.partner(), c.kind().name(), c.thread(), c.priority().name(), JSON.writeValueAsString(p.payload()), needs, actor,
                            Timestamp.from(now))
                    .update();
            try {
                attachments.bindDraft(id, c.attachments(), actor); // each file goes with one draft only, and only its uploader's
            } catch (AttachmentRefused e) {
                throw new MessageRefused(HttpStatus.valueOf(e.status()), e.field(), e.getMessage());
            }
        });
        if (!needs.isEmpty()) {
            audit.record(new AuditEvent(actor, AuditAction.DISCLOSURE, "exchange draft " + id + " held for approval", needs, p.partner(),
                    AuditOutcome.SUCCESS, clientAddress));
            return draft(id).orElseThrow();
        }
        return release(id, actor, actor, null, null);
    }

    /**
     * Holds a payload built elsewhere (a daily sharing package) as a draft in {@code composer}'s name,
     * waiting for another liaison officer's approval through the same approve/reject as any draft.
     * Joins the caller's transaction; the caller audits it.
     */
    public UUID hold(String composer, String partner, MessageKind kind, Priority priority, Payload payload, String needs) {
        if (needs == null || needs.isBlank()) throw new IllegalArgumentException("a held draft needs a reason for approval");
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into exchange_draft (id, partner_id, kind, thread_id, priority, payload, needs, status, composed_by, composed_at)
                values (?, ?, ?, null, ?, ?::jsonb, ?, 'PENDING_APPROVAL', ?, ?)""")
                .params(id, partner, kind.name(), priority.name(), JSON.writeValueAsString(payload), needs, composer, Timestamp.from(clock.instant()))
                .update();
        return id;
    }

    /** A second liaison officer approves: the message is sent as composed. */
    public Draft approve(String actor, UUID id, String reason, String clientAddress) {
        Draft d = decidable(actor, id, clientAddress);
        if (LeadWire.carriesLeads(d.payload())) {
            StaleLeads stale = staleLeads(d);
            if (!stale.why().isEmpty()) { // the vetting unit changed or removed a lead since the package was built: the old copy must not leave
                String why = String.join("; ", stale.why());
                audit.record(new AuditEvent(actor, AuditAction.DECISION, "exchange lead package " + id + " (draft): approval refused, leads changed since built",
                        why, d.partner(), AuditOutcome.DENIED, clientAddress));
                throw new MessageRefused(HttpStatus.CONFLICT, null, "rebuild needed: " + why + ". Refuse this package; the changed leads come again"
                        + " in the schedule's next package as they are stored now");
            }
        }
        return release(id, d.composedBy(), actor, reason, new AuditEvent(actor, AuditAction.DECISION,
                "exchange draft " + id + " approved (composed by " + d.composedBy() + ")", reason == null ? "" : reason, d.partner(),
                AuditOutcome.SUCCESS, clientAddress));
    }

    /** A second liaison officer rejects, with a reason: nothing leaves. */
    public Draft reject(String actor, UUID id, String reason, String clientAddress) {
        if (reason == null || reason.isBlank()) throw new MessageRefused(HttpStatus.BAD_REQUEST, "reason", "a rejection needs a reason");
        Draft d = decidable(actor, id, clientAddress);
        int n = jdbc.sql("""
                update exchange_draft set status = 'REJECTED', decided_by = ?, decided_at = ?, reason = ?
                where id = ? and status = 'PENDING_APPROVAL'""").params(actor, Timestamp.from(clock.instant()), reason.strip(), id).update();
        if (n == 0) throw new MessageRefused(HttpStatus.CONFLICT, null, "draft " + id + " was decided meanwhile");
        audit.record(new AuditEvent(actor, AuditAction.DECISION, "exchange draft " + id + " rejected (composed by " + d.composedBy() + ")",
                reason.strip(), d.partner(), AuditOutcome.SUCCESS, clientAddress));
        return draft(id).orElseThrow();
    }

    /** Drafts waiting for approval that {@code actor} may decide: not his own, and only what he may read himself. */
    public List<Draft> pendingFor(String actor) {
        List<Draft> pending = jdbc.sql(SELECT + " where status = 'PENDING_APPROVAL' and composed_by <> ? order by composed_at")
                .param(actor).query(Messages::row).list();
        return readableByCurrentUser(pending);
    }

    /**
     * Drafts {@code actor} composed, newest first: only those whose every statement he may read now (a daily sharing
     * package is held in its schedule owner's name, and his clearance may have been lowered since).
     */
    public List<Draft> composedBy(String actor) {
        List<Draft> mine = jdbc.sql(SELECT + " where composed_by = ? order by composed_at desc limit 200").param(actor).query(Messages::row).list();
        return readableByCurrentUser(mine);
    }

    public Optional<Draft> draft(UUID id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(Messages::row).optional();
    }

    private Draft decidable(String actor, UUID id, String clientAddress) {
        Draft d = draft(id).orElseThrow(() -> new MessageRefused(HttpStatus.NOT_FOUND, null, "no draft " + id));
        if (!"PENDING_APPROVAL".equals(d.status())) {
            throw new MessageRefused(HttpStatus.CONFLICT, null, "draft " + id + " is " + d.status() + ", not waiting for approval");
        }
        if (LeadWire.carriesLeads(d.payload())) return leadDecidable(actor, d, clientAddress);
        if (d.composedBy().equals(actor)) {
            audit.record(new AuditEvent(actor, AuditAction.DECISION, "exchange draft " + id + ": own draft", "two-person rule", d.partner(),
                    AuditOutcome.DENIED, clientAddress));
            throw new MessageRefused(HttpStatus.FORBIDDEN, null, "a second liaison officer must decide; you composed draft " + id);
        }
        // He approves what he sees: every statement must be readable by him too.
        if (!readableByCurrentUser(d)) {
            audit.record(new AuditEvent(actor, AuditAction.DECISION, "exchange draft " + id + ": above the approver's scope", "", d.partner(),
                    AuditOutcome.DENIED, clientAddress));
            throw new MessageRefused(HttpStatus.NOT_FOUND, null, "no draft " + id);
        }
        return d;
    }

    /**
     * A package of vetting leads is decided by the vetting unit only (ADR 0006, {@link LeadApproval}): refused with 403
     * and audited otherwise; a lead he may not read himself (one about him, or above his clearance) answers the same
     * 403 with a neutral reason, so the answer never tells him a package holds a lead about him.
     */
    private Draft leadDecidable(String actor, Draft d, String clientAddress) {
        Optional<String> refused = LeadApproval.refusal(actor, d.composedBy(), currentUserIsVettingOfficer(), access.scope().clearance(), highest(d));
        if (refused.isPresent()) {
            audit.record(new AuditEvent(actor, AuditAction.DECISION, "exchange lead package " + d.id() + " (draft): decision refused", refused.get(),
                    d.partner(), AuditOutcome.DENIED, clientAddress));
            throw new MessageRefused(HttpStatus.FORBIDDEN, null, refused.get());
        }
        if (leadView(d).isEmpty()) { // the same 403 as any refusal: a 404 here would tell him a lead is about him (or above his reach)
            audit.record(new AuditEvent(actor, AuditAction.DECISION, "exchange lead package " + d.id() + ": a lead the approver may not read", "",
                    d.partner(), AuditOutcome.DENIED, clientAddress));
            throw new MessageRefused(HttpStatus.FORBIDDEN, null, LEAD_NEUTRAL);
        }
        return d;
    }

    /** The refusal a vetting officer gets for a lead package he may not decide for a reason about its leads: it names none. */
    static final String LEAD_NEUTRAL = "you may not decide this lead package: another vetting officer decides it";

    /**
     * How the leads of a package differ from the leads as stored now: one description per lead changed (handling code,
     * legal basis, platform, attribution) or no longer held, and the row ids of the changed ones (a daily sharing
     * package's refusal lets those be taken again). The descriptions name the lead by its reference, never its value.
     */
    public record StaleLeads(List<String> why, List<Long> changed) {}

    public StaleLeads staleLeads(Draft d) {
        List<LeadWire.Lead> wire = d.payload().entities().stream().filter(LeadWire::isLead).map(LeadWire::lead).toList();
        var now = leads.current(wire.stream().map(Forwarding::key).toList(), "approval of lead package draft " + d.id() + " for " + d.partner());
        List<String> why = new ArrayList<>();
        List<Long> changed = new ArrayList<>();
        for (LeadWire.Lead w : wire) {
            ReleasableLead c = now.get(Forwarding.key(w));
            if (c == null) {
                why.add("lead " + w.reference() + " is no longer held");
                continue;
            }
            List<String> fields = new ArrayList<>();
            if (w.handling().level() != c.handling()) fields.add("handling " + w.handling() + " → H" + c.handling());
            if (!java.util.Objects.equals(w.legalBasis(), c.legalBasis())) fields.add("legal basis");
            if (!java.util.Objects.equals(blankToNull(w.platform()), blankToNull(c.platform()))) fields.add("platform");
            if (!java.util.Objects.equals(w.attribution(), c.attribution())) fields.add("attribution");
            if (!fields.isEmpty()) {
                why.add("lead " + w.reference() + " changed since the package was built (" + String.join(", ", fields) + ")");
                changed.add(c.id());
            }
        }
        return new StaleLeads(why, changed);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Lead packages waiting that the current user ({@code actor}) may decide, each with the leads exactly as they would leave. */
    public List<LeadPackage> pendingLeadPackagesFor(String actor) {
        if (!currentUserIsVettingOfficer()) return List.of();
        int clearance = access.scope().clearance();
        List<LeadPackage> out = new ArrayList<>();
        for (Draft d : jdbc.sql(SELECT + " where status = 'PENDING_APPROVAL' and composed_by <> ? order by composed_at").param(actor)
                .query(Messages::row).list()) {
            if (!LeadWire.carriesLeads(d.payload())) continue;
            if (LeadApproval.refusal(actor, d.composedBy(), true, clearance, highest(d)).isPresent()) continue;
            leadView(d).ifPresent(out::add);
        }
        return out;
    }

    /** A lead package as its approver sees it: the draft and each lead's fields as they would leave. */
    public record LeadPackage(Draft draft, List<LeadWire.Lead> leads) {}

    /** The package with its leads, if the current user may read every one of them himself (read audited by the vetting unit). */
    private Optional<LeadPackage> leadView(Draft d) {
        List<LeadWire.Lead> wire = d.payload().entities().stream().filter(LeadWire::isLead).map(LeadWire::lead).toList();
        List<ReleasableLead.Key> keys = wire.stream()
                .map(l -> new ReleasableLead.Key(l.originator(), l.reference(), l.kind(), l.value())).toList();
        int readable = leads.readable(keys, "lead package draft " + d.id() + " for " + d.partner()).size();
        boolean onlyLeads = d.payload().entities().stream().allMatch(LeadWire::isLead);
        return readable == keys.size() && onlyLeads ? Optional.of(new LeadPackage(d, wire)) : Optional.empty();
    }

    private static HandlingCode highest(Draft d) {
        return d.payload().entities().stream().flatMap(e -> e.statements().stream()).map(SharedStatement::handling)
                .max(java.util.Comparator.naturalOrder()).orElse(HandlingCode.H0);
    }

    /**
     * Role VETTING_OFFICER on the current authentication and the vetting gate passed (LeadRelease.gate, as every
     * vetting page): a barred officer (suspended, no officer id) gets its neutral refusal and SECURITY_ALERT, thrown
     * on as {@link besa.vetting.VettingRefused}; someone with the role who does no vetting work now is no vetting officer here.
     */
    private boolean currentUserIsVettingOfficer() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        boolean role = auth != null && auth.getAuthorities().stream().anyMatch(a -> besa.access.Role.VETTING_OFFICER.authority().equals(a.getAuthority()));
        if (!role) return false;
        try {
            leads.gate();
            return true;
        } catch (besa.vetting.VettingRefused barred) {
            throw barred;
        } catch (org.springframework.security.access.AccessDeniedException notNow) {
            return false;
        }
    }

    /** The drafts every statement of which the current user may read, in one read. */
    private List<Draft> readableByCurrentUser(List<Draft> drafts) {
        if (drafts.isEmpty()) return drafts;
        return access.read(scope -> drafts.stream().filter(d -> d.payload().entities().stream().allMatch(e -> readable(e, scope))).toList());
    }

    private boolean readableByCurrentUser(Draft d) {
        return access.read(scope -> d.payload().entities().stream().allMatch(e -> readable(e, scope)));
    }

    private boolean readable(SharedEntity e, ReadScope scope) {
        if (LeadWire.isLead(e)) return false; // not in the intelligence store: a lead package is the vetting unit's (pendingLeadPackagesFor)
        Optional<EntityView> v = store.find(e.id(), scope);
        if (v.isEmpty()) return false;
        Set<String> seen = new HashSet<>();
        v.get().statements().forEach(s -> seen.add(s.prop() + "\u0000" + s.value() + "\u0000" + s.provenance().sourceId()));
        return e.statements().stream().allMatch(s -> seen.contains(s.prop() + "\u0000" + s.value() + "\u0000" + s.source()));
    }

    /**
     * Sends the draft once: the row is locked and checked to be still pending in the same transaction
     * that queues the message (Exchange.send joins it), so two approvers at once cannot both send it.
     */
    private Draft release(UUID id, String composer, String actor, String reason, AuditEvent decision) {
        try {
            tx.executeWithoutResult(t -> {
                String status = jdbc.sql("select status from exchange_draft where id = ? for update").param(id).query(String.class).single();
                if (!"PENDING_APPROVAL".equals(status)) throw new MessageRefused(HttpStatus.CONFLICT, null, "draft " + id + " was decided meanwhile");
                Draft d = draft(id).orElseThrow();
                UUID messageId = exchange.send(actor, new Outgoing(d.partner(), MessageKind.valueOf(d.kind()), d.thread(),
                        Priority.valueOf(d.priority()), null, d.payload()));
                boolean second = !actor.equals(composer);
                jdbc.sql("update exchange_draft set status = 'SENT', message_id = ?, decided_by = ?, decided_at = ?, reason = ? where id = ?")
                        .params(messageId, second ? actor : null, second ? Timestamp.from(clock.instant()) : null, reason, id).update();
                if (decision != null) audit.record(decision); // fail closed, before the commit
            });
        } catch (SharingRefusedException e) { // the agreement changed since the preview; Exchange.send audited it
            jdbc.sql("update exchange_draft set status = 'REFUSED', reason = ? where id = ? and status = 'PENDING_APPROVAL'")
                    .params(e.getMessage(), id).update();
            throw new MessageRefused(HttpStatus.FORBIDDEN, null, "refused by the agreement: " + e.getMessage());
        }
        return draft(id).orElseThrow();
    }

    private void auditForwardingRefusals(String actor, Preview p, String clientAddress) {
        for (Preview.Withheld w : p.withheld()) {
            if (w.reason().startsWith(Forwarding.RULES)) {
                audit.record(new AuditEvent(actor, AuditAction.DISCLOSURE, "exchange forwarding of " + w.entity() + " " + w.prop() + " refused",
                        w.reason(), p.partner(), AuditOutcome.DENIED, clientAddress));
            }
        }
    }

    private static void validate(Compose c) {
        if (c.partner() == null || c.partner().isBlank()) throw new MessageRefused(HttpStatus.BAD_REQUEST, "partner", "choose a partner");
        if (c.kind() == null) throw new MessageRefused(HttpStatus.BAD_REQUEST, "kind", "choose a kind: REQUEST, REPLY or INFORMATION");
        if (c.kind() != MessageKind.REQUEST && c.kind() != MessageKind.REPLY && c.kind() != MessageKind.INFORMATION) {
            throw new MessageRefused(HttpStatus.BAD_REQUEST, "kind", "the composer sends REQUEST, REPLY or INFORMATION, not " + c.kind());
        }
        if (c.priority() == null) throw new MessageRefused(HttpStatus.BAD_REQUEST, "priority", "choose a priority: URGENT, HIGH or ROUTINE");
        if (c.entities().isEmpty() && c.note().isBlank() && c.attachments().isEmpty()) {
            throw new MessageRefused(HttpStatus.BAD_REQUEST, "entities", "a message needs a note, an entity or an attachment");
        }
        if (c.entities().size() > 1000) throw new MessageRefused(HttpStatus.BAD_REQUEST, "entities", "at most 1000 entities per message");
        if (c.note().length() > 20000) throw new MessageRefused(HttpStatus.BAD_REQUEST, "note", "the note is longer than 20000 characters");
    }

    private List<Attachments.Upload> uploads(List<UUID> ids) {
        List<Attachments.Upload> found;
        try {
            found = attachments.describe(ids);
        } catch (AttachmentRefused e) {
            throw new MessageRefused(HttpStatus.valueOf(e.status()), e.field(), e.getMessage());
        }
        // A file on no draft or message yet is its uploader's alone: to anyone else it does not exist (as on download).
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        String me = auth == null ? null : auth.getName();
        for (Attachments.Upload u : found) {
            if (u.draft() == null && u.message() == null && !u.uploadedBy().equals(me)) {
                throw new MessageRefused(HttpStatus.BAD_REQUEST, "attachments", "no uploaded attachment " + u.attachment().id());
            }
        }
        return found;
    }

    /**
     * A received file passed on (Attachments.copyReceived) goes back to its originator, or to a third
     * partner only if the originator's message allowed onward transfer and the originator's permission
     * for all its material to that partner is recorded: a file has no statements to grade, so the
     * whole message's rules apply.
     */
    Optional<String> forwardingRefusal(UUID attachment, String recipient) {
        Optional<String[]> origin = attachments.origin(attachment);
        if (origin.isEmpty()) return Optional.empty();
        String originator = origin.get()[0];
        if (originator.equals(recipient)) return Optional.empty();
        boolean onward = jdbc.sql("select coalesce((message->>'onwardTransfer')::boolean, false) from exchange_inbox where message_id = ?::uuid")
                .param(origin.get()[1]).query(Boolean.class).optional().orElse(false);
        if (!onward) return Optional.of(Forwarding.REFUSAL + originator + " did not allow onward transfer of message " + origin.get()[1]);
        boolean permitted = jdbc.sql("""
                select exists (select 1 from exchange_forward_permission where originator_id = ? and recipient_id = ? and entity_id is null)""")
                .params(originator, recipient).query(Boolean.class).single();
        return permitted ? Optional.empty()
                : Optional.of(Forwarding.REFUSAL + "files of " + originator + " need its recorded permission to go to " + recipient);
    }

    private static String describe(List<Preview.Withheld> withheld) {
        return withheld.isEmpty() ? "no entities" : withheld.stream().map(w -> w.entity() + ": " + w.reason()).limit(5).toList().toString();
    }

    private static SharedStatement shared(Statement s) {
        var p = s.provenance();
        return new SharedStatement(s.prop(), s.value(), p.originator(), p.sourceId(), p.legalBasis(), p.grading().code(),
                HandlingCode.of(p.handling().level()));
    }

    private static final String SELECT = """
            select id, partner_id, kind, thread_id, priority, payload::text, needs, status, composed_by, composed_at, decided_by, decided_at,
                   reason, message_id from exchange_draft""";

    private static Draft row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Draft(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class), rs.getString(5),
                JSON.readValue(rs.getString(6), Payload.class), rs.getString(7), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant(),
                rs.getString(11), rs.getTimestamp(12) == null ? null : rs.getTimestamp(12).toInstant(), rs.getString(13),
                rs.getObject(14, UUID.class));
    }
}
