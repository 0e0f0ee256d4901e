package besa.exchange.hit;

import besa.access.AccessPolicy;
import besa.access.Justification;
import besa.access.ReadScope;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.exchange.Exchange;
import besa.exchange.Outgoing;
import besa.exchange.ReplyDeadlines;
import besa.exchange.SharingRefusedException;
import besa.exchange.envelope.MessageKind;
import besa.exchange.envelope.Payload;
import besa.exchange.envelope.Priority;
import besa.exchange.envelope.SharedEntity;
import besa.exchange.envelope.SharedStatement;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.PartnerRegistry;
import besa.intel.model.EntityType;
import besa.intel.model.PropertyType;
import besa.intel.model.Statement;
import besa.intel.model.SearchKey;
import besa.intel.store.EntityView;
import besa.intel.store.IntelStore;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hit/no-hit between nodes. The asking side sends a HIT_QUERY; the owning side answers, from a worker
 * reading its inbox (not in the delivery's transaction, so a slow search never holds a partner's
 * connection), with a HIT_ANSWER of fixed size: yes with a random reference, or no, or refused
 * (outside the agreement). The data follows only on a REQUEST naming the reference that a person
 * here approves; the release goes as a REPLY with entities, through the agreement checks of
 * {@link Exchange}. Every step is audited with the partner named.
 */
public final class Hits {
    /** Every answer body is padded to this many characters, so yes, no and refused look the same. */
    static final int ANSWER_CHARS = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** LIMITED: the partner asked more than its limits allow (PartnerLimits); the same answer whatever it asked. */
    public enum Outcome { HIT, NO_HIT, REFUSED, LIMITED }

    /** What came back for a query we sent. */
    public record Answer(UUID queryId, Outcome outcome, String ref) {}

    /** A partner's request for the data behind a reference, waiting for a decision here. */
    public record Release(UUID requestId, String ref, String partnerId, String status, Instant requestedAt) {}

    /**
     * A partner's data request as the owner sees it before deciding: what was asked in the query
     * the reference answered, the partner's stated reason, the reply deadline and whether it passed.
     */
    public record PendingRelease(UUID requestId, UUID thread, String ref, String partnerId, Instant requestedAt, Instant replyBy, boolean overdue,
                                 String queryKind, String queryValue, String queryBirthDate, String why, int entities) {}

    /** Where a query we asked stands. OVERDUE: no answer and its reply deadline has passed. */
    public enum State { WAITING, OVERDUE, HIT, NO_HIT, REFUSED, LIMITED }

    /** A query we asked, with its state, the reference of a hit, and our data requests for it. */
    public record Asked(UUID queryId, UUID thread, String partnerId, HitQuery query, String justification, String askedBy, Instant askedAt,
                        Instant replyBy, State state, String ref, List<DataRequest> requests) {}

    /** Our request for the data behind a hit: WAITING, OVERDUE, RELEASED (with how many entities) or REFUSED (with the owner's reason). */
    public record DataRequest(UUID requestId, UUID thread, String why, String requestedBy, Instant requestedAt, String status, String reason, int entities) {}

    private final Exchange exchange;
    private final PartnerRegistry partners;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;
    private final ReplyDeadlines deadlines;
    private final AccessPolicy access;
    private final IntelStore store;
    private final PartnerLimits limits;

    public Hits(Exchange exchange, PartnerRegistry partners, JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Clock clock, ReplyDeadlines deadlines,
                AccessPolicy access, IntelStore store, PartnerLimits limits) {
        this.limits = limits;
        this.deadlines = deadlines;
        this.access = access;
        this.store = store;
        this.exchange = exchange;
        this.partners = partners;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- asking side

    /**
     * Sends a hit query to {@code partnerId} on behalf of {@code actor}, for the reason
     * {@code justification} (a {@link Justification}: case, operation or reason code with text; it
     * stays here, in {@code exchange_hit_query} and the audit trail). Returns the query's message id.
     */
    public UUID ask(String actor, String partnerId, HitQuery q, Priority priority, Justification justification, String clientAddress) {
        if (justification == null) throw new IllegalArgumentException("a hit query needs a justification: " + Justification.FORMAT);
        Priority p = priority == null ? Priority.HIGH : priority;
        return tx.execute(s -> {
            UUID id = exchange.send(actor, new Outgoing(partnerId, MessageKind.HIT_QUERY, null, p, null,
                    new Payload(Body.write(Map.of("type", "hit-query", "query", q.toMap())), List.of())));
            jdbc.sql("insert into exchange_hit_query (query_id, justification, asked_by, asked_at) values (?, ?, ?, ?)")
                    .params(id, justification.toString(), actor, Timestamp.from(clock.instant())).update();
            // Who asked about whom and why, like every search for a person (X-Besa-Justification elsewhere).
            audit.record(new AuditEvent(actor, AuditAction.DISCLOSURE, "hit query " + id + " (" + q.kind() + ") to " + partnerId,
                    justification.toString(), partnerId, AuditOutcome.SUCCESS, clientAddress));
            return id;
        });
    }

    /** Our queries, newest first, with their state and data requests. */
    public List<Asked> asked(int limit) {
        return asked("", limit, null);
    }

    /** One of our queries. */
    public Optional<Asked> asked(UUID queryId) {
        return asked("and o.message_id = ?", 1, queryId).stream().findFirst();
    }

    private List<Asked> asked(String where, int limit, UUID id) {
        Set<UUID> overdue = new HashSet<>();
        deadlines.owedToUs(clock.instant()).forEach(o -> overdue.add(o.messageId()));
        var q = jdbc.sql("""
                select o.message_id, o.thread_id, o.partner_id, o.message->'payload'->>'note', coalesce(q.justification, ''), o.created_by,
                       o.created_at, o.reply_by
                from exchange_outbox o left join exchange_hit_query q on q.query_id = o.message_id
                where o.kind = 'HIT_QUERY' %s order by o.created_at desc limit %d""".formatted(where, limit));
        if (id != null) q = q.param(id);
        return q.query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()})
                .list().stream().map(r -> asked(r, overdue)).toList();
    }

    private Asked asked(Object[] r, Set<UUID> overdue) {
        UUID id = (UUID) r[0];
        HitQuery q = HitQuery.fromMap((Map<?, ?>) Body.parse((String) r[3]).get("query"));
        Optional<Answer> a = answer(id);
        State state = a.map(x -> State.valueOf(x.outcome().name())).orElse(overdue.contains(id) ? State.OVERDUE : State.WAITING);
        String ref = a.map(Answer::ref).orElse("");
        return new Asked(id, (UUID) r[1], (String) r[2], q, (String) r[4], (String) r[5], (Instant) r[6], (Instant) r[7], state, ref,
                ref.isEmpty() ? List.of() : dataRequests((String) r[2], ref, overdue));
    }

    private List<DataRequest> dataRequests(String partnerId, String ref, Set<UUID> overdue) {
        return jdbc.sql("""
                select o.message_id, o.thread_id, o.message->'payload'->>'note', o.created_by, o.created_at,
                       (select i.message::text from exchange_inbox i where i.thread_id = o.thread_id and i.kind = 'REPLY' and i.partner_id = o.partner_id
                        order by i.received_at limit 1)
                from exchange_outbox o where o.kind = 'REQUEST' and o.partner_id = ? and o.message->'payload'->>'note' like ?
                order by o.created_at""").params(partnerId, Body.prefix("hit-data-request"))
                .query((rs, n) -> {
                    Map<?, ?> body = Body.parse(rs.getString(3));
                    if (!ref.equals(body.get("ref"))) return null;
                    UUID id = rs.getObject(1, UUID.class);
                    String reply = rs.getString(6);
                    String status = overdue.contains(id) ? "OVERDUE" : "WAITING";
                    String reason = "";
                    int entities = 0;
                    if (reply != null) {
                        Optional<Map<?, ?>> refused = Body.of(reply, "hit-data-refused");
                        status = refused.isPresent() ? "REFUSED" : "RELEASED";
                        reason = refused.map(b -> String.valueOf(b.get("reason"))).orElse("");
                        entities = Body.message(reply).payload().entities().size();
                    }
                    return new DataRequest(id, rs.getObject(2, UUID.class), String.valueOf(body.get("why")), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), status, reason, entities);
                }).list().stream().filter(java.util.Objects::nonNull).toList();
    }

    /** The answer to our query {@code queryId}, once it arrived. */
    public Optional<Answer> answer(UUID queryId) {
        UUID thread = jdbc.sql("select thread_id from exchange_outbox where message_id = ?").param(queryId).query(UUID.class).optional().orElse(null);
        if (thread == null) return Optional.empty();
        return jdbc.sql("select message::text from exchange_inbox where kind = 'HIT_ANSWER' and thread_id = ?").param(thread).query(String.class)
                .list().stream().flatMap(j -> Body.of(j, "hit-answer").stream())
                .map(b -> new Answer(queryId, Outcome.valueOf(String.valueOf(b.get("outcome"))), String.valueOf(b.get("ref")))).findFirst();
    }

    /**
     * Asks the owner for the data behind the hit of our query {@code queryId}; the owner decides.
     * Refused here (IllegalArgumentException) if the query is not ours or was not a hit.
     */
    public UUID requestData(String actor, UUID queryId, String why) {
        if (why == null || why.isBlank()) throw new IllegalArgumentException("say why the data is needed");
        Asked a = asked(queryId).orElseThrow(() -> new java.util.NoSuchElementException("no hit query " + queryId));
        if (a.state() != State.HIT) throw new IllegalArgumentException("query " + queryId + " was not answered with a hit (" + a.state() + ")");
        return requestData(actor, a.partnerId(), a.ref(), why.strip());
    }

    /** Asks the owner for the data behind {@code ref}; the owner decides. */
    public UUID requestData(String actor, String partnerId, String ref, String why) {
        return exchange.send(actor, new Outgoing(partnerId, MessageKind.REQUEST, null, Priority.HIGH, null,
                new Payload(Body.write(Map.of("type", "hit-data-request", "ref", ref, "why", why == null ? "" : why)), List.of())));
    }

    /** The entities released to us for our data request {@code requestId}, or the refusal's reason. */
    public Optional<Payload> released(UUID requestId) {
        UUID thread = jdbc.sql("select thread_id from exchange_outbox where message_id = ?").param(requestId).query(UUID.class).single();
        return jdbc.sql("select message::text from exchange_inbox where kind = 'REPLY' and thread_id = ?").param(thread).query(String.class)
                .list().stream().findFirst().map(j -> Body.message(j).payload());
    }

    // ---- owning side

    /**
     * Answers every hit query and registers every data request not yet handled; run by the worker
     * (and directly by tests). Each message is handled once: its marker row and the queued answer
     * commit together. Returns how many were handled.
     */
    public synchronized int work() {
        int n = 0;
        for (Row r : pending("HIT_QUERY", "hit-query", "exchange_hit_received", "message_id", null)) {
            tx.executeWithoutResult(s -> answerQuery(r));
            n++;
        }
        for (Row r : pending("REQUEST", "hit-data-request", "exchange_hit_release", "request_id", "exchange_hit_unknown_request")) {
            tx.executeWithoutResult(s -> registerRequest(r));
            n++;
        }
        return n;
    }

    record Row(UUID id, String partner, UUID thread, String json) {}

    private List<Row> pending(String kind, String type, String table, String column, String alsoDoneIn) {
        String also = alsoDoneIn == null ? "" : " and not exists (select 1 from " + alsoDoneIn + " u where u.request_id = i.message_id)";
        return jdbc.sql("select i.message_id, i.partner_id, i.thread_id, i.message::text from exchange_inbox i where i.kind = ? "
                        + "and i.message->'payload'->>'note' like ? and not exists (select 1 from " + table + " h where h." + column + " = i.message_id)" + also + " order by i.received_at limit 500")
                .params(kind, Body.prefix(type)).query((rs, x) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4)))
                .list();
    }

    private void answerQuery(Row r) {
        Instant now = clock.instant();
        Optional<Agreement> agreement = partners.agreement(r.partner);
        HitQuery q = null;
        String why;
        Outcome outcome;
        List<String> entities = List.of();
        try {
            q = HitQuery.fromMap((Map<?, ?>) Body.of(r.json, "hit-query").orElseThrow().get("query"));
        } catch (RuntimeException e) {
            q = null;
        }
        // The limits first: over them, the answer is the same whatever was asked, and nothing is looked up.
        Instant at = limits.receivedAt(r.id);
        Optional<PartnerLimits.Exceeded> over = limits.hitQuery(r.partner, at);
        if (over.isPresent()) {
            jdbc.sql("insert into exchange_hit_received (message_id, partner_id, query, outcome, answered_at) values (?, ?, ?::jsonb, ?, ?)")
                    .params(r.id, r.partner, q == null ? "{}" : Body.write(q.toMap()), Outcome.LIMITED.name(), Timestamp.from(now)).update();
            limits.refused(r.id, r.partner, PartnerLimits.Kind.HIT_QUERY, over.get(), at);
            UUID answer = exchange.send(AuditEvent.SYSTEM, new Outgoing(r.partner, MessageKind.HIT_ANSWER, r.thread, Priority.HIGH, null,
                    new Payload(answerBody(r.id, Outcome.LIMITED, ""), List.of())));
            jdbc.sql("update exchange_hit_received set answer_id = ? where message_id = ?").params(answer, r.id).update();
            return;
        }
        if (q == null) {
            outcome = Outcome.REFUSED;
            why = "not a valid hit query";
        } else if (agreement.isEmpty() || !agreement.get().categories().contains(Category.PERSON)) {
            // Persons, their phones, devices and accounts are personal data: the PERSON category must be agreed.
            outcome = Outcome.REFUSED;
            why = "the agreement with " + r.partner + " does not cover " + Category.PERSON;
        } else {
            entities = lookUp(q, agreement.get().maxHandling(), r.partner);
            outcome = entities.isEmpty() ? Outcome.NO_HIT : Outcome.HIT;
            why = q.kind() + " query, handling up to " + agreement.get().maxHandling();
        }
        String ref = outcome == Outcome.HIT ? randomRef() : "";
        jdbc.sql("insert into exchange_hit_received (message_id, partner_id, query, outcome, answered_at) values (?, ?, ?::jsonb, ?, ?)")
                .params(r.id, r.partner, q == null ? "{}" : Body.write(q.toMap()), outcome.name(), Timestamp.from(now)).update();
        if (outcome == Outcome.HIT) {
            jdbc.sql("insert into exchange_hit_reference (ref, partner_id, query_id, entity_ids, created_at) values (?, ?, ?, ?, ?)")
                    .params(ref, r.partner, r.id, entities.toArray(String[]::new), Timestamp.from(now)).update();
        }
        audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.CONSULTATION, "hit query " + r.id + " from " + r.partner + ": " + outcome,
                why, r.partner, outcome == Outcome.REFUSED ? AuditOutcome.DENIED : AuditOutcome.SUCCESS, ""));
        UUID answer = exchange.send(AuditEvent.SYSTEM, new Outgoing(r.partner, MessageKind.HIT_ANSWER, r.thread, Priority.HIGH, null,
                new Payload(answerBody(r.id, outcome, ref), List.of())));
        jdbc.sql("update exchange_hit_received set answer_id = ? where message_id = ?").params(answer, r.id).update();
    }

    /** A fixed-size answer: the same fields and length whatever the outcome. */
    static String answerBody(UUID query, Outcome outcome, String ref) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "hit-answer");
        m.put("query", query.toString());
        m.put("outcome", outcome.name());
        m.put("ref", ref);
        m.put("pad", "");
        int missing = ANSWER_CHARS - Body.write(m).length();
        m.put("pad", "=".repeat(Math.max(0, missing)));
        return Body.write(m);
    }

    private static String randomRef() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b); // 24 characters
    }

    /**
     * What may answer or be released to {@code asker}: our own statements and what the asker itself sent us, never another
     * partner's material (a hit would pass on that we hold it; "Onward transfer" in docs/exchange.md).
     */
    static final String NOT_OTHER_PARTNERS = " and (s.source_id not like 'exchange:%' or s.source_id = 'exchange:' || ?)";

    /** Entities of the store holding the queried value in a live statement the agreement's handling allows. */
    List<String> lookUp(HitQuery q, HandlingCode max, String asker) {
        List<String> found = switch (q.kind()) {
            case PHONE -> byKey("phone", q.value(), q.value(), max, asker);
            case IMEI -> byKey("imei", q.value().substring(0, 14), q.value(), max, asker);
            case ACCOUNT -> byKey("id", q.value(), q.value(), max, asker);
            case PERSON -> person(q, max, asker);
        };
        return unrestricted(found);
    }

    /**
     * Compartmented and vetting-file entities never answer a partner: a hit would tell that we hold
     * them, and no one could release them anyway. The restriction rows show only to a user or to the
     * system, so this reads them as the system, in the (joined) transaction only, and then restores the setting.
     */
    private List<String> unrestricted(List<String> ids) {
        if (ids.isEmpty()) return ids;
        Set<String> restricted = tx.execute(s -> {
            String before = jdbc.sql("select besa_setting('besa.system')").query(String.class).single();
            jdbc.sql("select set_config('besa.system', 'on', true)").query().singleRow();
            Set<String> r = new HashSet<>(jdbc.sql("select entity_id from restricted_entity where entity_id = any(?)")
                    .param(ids.toArray(String[]::new)).query(String.class).list());
            jdbc.sql("select set_config('besa.system', ?, true)").param(before).query().singleRow();
            return r;
        });
        return ids.stream().filter(id -> !restricted.contains(id)).toList();
    }

    private List<String> byKey(String kind, String key, String value, HandlingCode max, String asker) {
        return jdbc.sql("""
                select distinct k.entity_id from search_key k where k.kind = ? and k.key = ? and exists (
                    select 1 from statement s where s.entity_id = k.entity_id and s.retired_at is null and s.handling <= ? and s.value = ?"""
                + NOT_OTHER_PARTNERS + ") order by 1").params(kind, key, max.level(), value, asker).query(String.class).list();
    }

    /**
     * A person: one live name statement (name, alias, first or last name) the answer may rest on (within the agreement's
     * handling, not another partner's material) whose own keys hold every sound-key pair of the queried name (or every
     * sound key, for one token), and a birth date statement under the same limits. The search keys find the candidates
     * only: they are kept per entity, whatever the statement's handling or provenance.
     */
    private List<String> person(HitQuery q, HandlingCode max, String asker) {
        List<SearchKey> all = PropertyType.NAME.searchKeys(q.value());
        List<SearchKey> keys = all.stream().filter(k -> k.kind().equals(PropertyType.NAME_PAIR)).toList();
        if (keys.isEmpty()) keys = all.stream().filter(k -> k.kind().equals(PropertyType.NAME_KEY)).toList();
        if (keys.isEmpty()) return List.of();
        List<String> result = null;
        for (SearchKey k : keys) {
            List<String> ids = jdbc.sql("select entity_id from search_key where kind = ? and key = ?").params(k.kind(), k.key()).query(String.class).list();
            if (result == null) result = new ArrayList<>(ids);
            else result.retainAll(ids);
        }
        List<SearchKey> wanted = keys;
        String[] nameProps = NAME_PROPS.toArray(String[]::new);
        return result.stream().filter(id -> jdbc.sql("""
                select exists (select 1 from entity e where e.id = ? and e.type = 'Person')
                   and exists (select 1 from statement s where s.entity_id = ? and s.retired_at is null and s.handling <= ?
                               and s.prop = 'birthDate' and s.value = ?""" + NOT_OTHER_PARTNERS + ")")
                .params(id, id, max.level(), q.birthDate(), asker).query(Boolean.class).single()
                && jdbc.sql("select s.value from statement s where s.entity_id = ? and s.retired_at is null and s.handling <= ? and s.prop = any(?)"
                        + NOT_OTHER_PARTNERS).params(id, max.level(), nameProps, asker).query(String.class).list().stream()
                        .anyMatch(name -> PropertyType.NAME.searchKeys(name).containsAll(wanted))).sorted().toList();
    }

    /** The person's properties that hold a name (their search keys are the name keys). */
    static final List<String> NAME_PROPS = EntityType.Person.properties().entrySet().stream()
            .filter(e -> e.getValue() == PropertyType.NAME).map(Map.Entry::getKey).sorted().toList();

    private void registerRequest(Row r) {
        Map<?, ?> body = Body.of(r.json, "hit-data-request").orElseThrow();
        String ref = String.valueOf(body.get("ref"));
        boolean known = jdbc.sql("select count(*) from exchange_hit_reference where ref = ? and partner_id = ?").params(ref, r.partner)
                .query(Integer.class).single() > 0;
        if (!known) {
            // A reference we never gave this partner: someone guessing. Refused at once, nothing to decide.
            audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.SECURITY_ALERT, "hit data request " + r.id + " from " + r.partner,
                    "unknown hit reference", r.partner, AuditOutcome.DENIED, ""));
            exchange.send(AuditEvent.SYSTEM, new Outgoing(r.partner, MessageKind.REPLY, r.thread, Priority.HIGH, null,
                    new Payload(Body.write(Map.of("type", "hit-data-refused", "reason", "unknown reference")), List.of())));
            // Marker row impossible without a reference (foreign key): remember the request as refused against no ref.
            jdbc.sql("insert into exchange_hit_unknown_request (request_id) values (?) on conflict do nothing").param(r.id).update();
            return;
        }
        jdbc.sql("insert into exchange_hit_release (request_id, ref, partner_id, status, requested_at) values (?, ?, ?, 'PENDING', ?)")
                .params(r.id, ref, r.partner, Timestamp.from(clock.instant())).update();
        audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.COLLECTION, "hit data request " + r.id + " from " + r.partner + " for " + ref,
                String.valueOf(body.get("why")), r.partner, AuditOutcome.SUCCESS, ""));
    }

    /** Data requests waiting for a decision, with what they are about, oldest first. */
    public List<PendingRelease> pendingDetails() {
        Instant now = clock.instant();
        Set<UUID> overdue = new HashSet<>();
        deadlines.owedByUs(now).forEach(o -> overdue.add(o.messageId()));
        return jdbc.sql("""
                select r.request_id, i.thread_id, r.ref, r.partner_id, r.requested_at, i.reply_by, h.query::text,
                       i.message->'payload'->>'note', cardinality(f.entity_ids)
                from exchange_hit_release r join exchange_inbox i on i.message_id = r.request_id
                join exchange_hit_reference f on f.ref = r.ref join exchange_hit_received h on h.message_id = f.query_id
                where r.status = 'PENDING' order by r.requested_at""")
                .query((rs, n) -> {
                    UUID id = rs.getObject(1, UUID.class);
                    Map<?, ?> q = Body.parse(rs.getString(7));
                    Map<?, ?> body = Body.parse(rs.getString(8));
                    Timestamp replyBy = rs.getTimestamp(6);
                    return new PendingRelease(id, rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                            replyBy == null ? null : replyBy.toInstant(), overdue.contains(id), String.valueOf(q.get("kind")),
                            String.valueOf(q.get("value")), String.valueOf(q.get("birthDate")), String.valueOf(body.get("why")), rs.getInt(9));
                }).list();
    }

    /** Data requests waiting for a decision. */
    public List<Release> pendingReleases() {
        return jdbc.sql("select request_id, ref, partner_id, status, requested_at from exchange_hit_release where status = 'PENDING' order by requested_at")
                .query((rs, n) -> new Release(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant())).list();
    }

    /**
     * What approving {@code requestId} would send, read with the current user's scope: the referenced entities with their
     * live statements within the agreement's handling that are ours or the asker's own, each captioned from those
     * statements only. {@code refusal} says why he may not release it: an entity he may not read, or one in a compartment
     * or vetting file (never released through a hit).
     */
    public record ReleasePlan(List<SharedEntity> entities, String refusal) {
        public int statements() {
            return entities.stream().mapToInt(e -> e.statements().size()).sum();
        }
    }

    /** The plan of a pending request, as the current user would release it. */
    public ReleasePlan releasePlan(UUID requestId) {
        Release rel = pending(requestId);
        HandlingCode max = partners.agreement(rel.partnerId()).map(Agreement::maxHandling).orElse(null);
        if (max == null) return new ReleasePlan(List.of(), "no agreement with " + rel.partnerId());
        String[] ids = jdbc.sql("select entity_ids from exchange_hit_reference where ref = ?").param(rel.ref())
                .query((rs, n) -> (String[]) rs.getArray(1).getArray()).single();
        return access.read(scope -> plan(ids, max, rel.partnerId(), scope));
    }

    private ReleasePlan plan(String[] ids, HandlingCode max, String recipient, ReadScope scope) {
        Set<String> restricted = new HashSet<>(jdbc.sql("select entity_id from restricted_entity where entity_id = any(?)").param(ids)
                .query(String.class).list());
        List<SharedEntity> out = new ArrayList<>();
        for (String id : ids) {
            if (restricted.contains(id)) return new ReleasePlan(List.of(), "entity " + id + " is in a compartment or vetting file and is not released");
            Optional<EntityView> v = store.find(id, scope);
            if (v.isEmpty()) return new ReleasePlan(List.of(), "entity " + id + " is not readable to you (or no longer held)");
            List<Statement> kept = v.get().statements().stream().filter(st -> st.provenance().handling().level() <= max.level())
                    .filter(st -> !st.provenance().sourceId().startsWith("exchange:") || st.provenance().sourceId().equals("exchange:" + recipient))
                    .toList();
            if (kept.isEmpty()) continue; // nothing of it may leave
            EntityType type = v.get().type();
            out.add(new SharedEntity(id, type.name(), Category.of(type), IntelStore.caption(type, kept), kept.stream().map(st -> {
                var p = st.provenance();
                return new SharedStatement(st.prop(), st.value(), p.originator(), p.sourceId(), p.legalBasis(), p.grading().code(),
                        HandlingCode.of(p.handling().level()));
            }).toList()));
        }
        if (out.isEmpty()) return new ReleasePlan(List.of(), "nothing behind the reference may leave under the agreement");
        return new ReleasePlan(out, null);
    }

    /**
     * A person here approves: what {@link #releasePlan} shows him goes back as a REPLY, read through his own scope (he
     * releases only what he may read). Refused (HitRefused, audited) when the plan says so; the request stays pending
     * for an officer who may release it, or a refusal. Returns the reply's message id.
     */
    public UUID approve(String approver, UUID requestId) {
        Release rel = pending(requestId);
        ReleasePlan plan = releasePlan(requestId);
        if (plan.refusal() != null) {
            audit.record(new AuditEvent(approver, AuditAction.DECISION, "hit data request " + requestId + " approval refused (" + rel.ref() + ")",
                    plan.refusal(), rel.partnerId(), AuditOutcome.DENIED, ""));
            throw new HitRefused(org.springframework.http.HttpStatus.FORBIDDEN, null, plan.refusal());
        }
        UUID reply;
        try {
            reply = tx.execute(s -> {
                decide(approver, requestId, "APPROVED", "");
                UUID id = exchange.send(approver, new Outgoing(rel.partnerId(), MessageKind.REPLY, thread(requestId), Priority.HIGH, null,
                        new Payload(Body.write(Map.of("type", "hit-data", "ref", rel.ref())), plan.entities())));
                jdbc.sql("update exchange_hit_release set reply_id = ? where request_id = ?").params(id, requestId).update();
                // After the send (which wrote its DISCLOSURE), before the commit: no release without its decision on record.
                audit.record(new AuditEvent(approver, AuditAction.DECISION, "hit data request " + requestId + " approved (" + rel.ref() + ")",
                        "release to " + rel.partnerId() + ": " + plan.entities().size() + " entities, " + plan.statements() + " statements",
                        rel.partnerId(), AuditOutcome.SUCCESS, ""));
                return id;
            });
        } catch (RuntimeException e) { // nothing queued, the request still pending
            audit.record(new AuditEvent(approver, AuditAction.DECISION, "hit data request " + requestId + " approval failed (" + rel.ref() + ")",
                    String.valueOf(e.getMessage()), rel.partnerId(), e instanceof SharingRefusedException ? AuditOutcome.DENIED : AuditOutcome.FAILED, ""));
            throw e;
        }
        return reply;
    }

    /** The request, if it waits for a decision; IllegalStateException otherwise. */
    private Release pending(UUID requestId) {
        return jdbc.sql("select request_id, ref, partner_id, status, requested_at from exchange_hit_release where request_id = ? and status = 'PENDING'")
                .param(requestId).query((rs, x) -> new Release(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant())).optional()
                .orElseThrow(() -> new IllegalStateException("no pending data request " + requestId));
    }

    /** A person here refuses; the partner is told (no data, the reason). */
    public UUID refuse(String approver, UUID requestId, String reason) {
        if (reason == null || reason.isBlank()) throw new IllegalArgumentException("a refusal needs a reason");
        return tx.execute(s -> {
            Release rel = decide(approver, requestId, "REFUSED", reason);
            audit.record(new AuditEvent(approver, AuditAction.DECISION, "hit data request " + requestId + " refused (" + rel.ref() + ")",
                    reason, rel.partnerId(), AuditOutcome.DENIED, ""));
            UUID reply = exchange.send(approver, new Outgoing(rel.partnerId(), MessageKind.REPLY, thread(requestId), Priority.HIGH, null,
                    new Payload(Body.write(Map.of("type", "hit-data-refused", "reason", reason)), List.of())));
            jdbc.sql("update exchange_hit_release set reply_id = ? where request_id = ?").params(reply, requestId).update();
            return reply;
        });
    }

    private Release decide(String approver, UUID requestId, String status, String reason) {
        int n = jdbc.sql("update exchange_hit_release set status = ?, decided_by = ?, decided_at = ?, reason = ? where request_id = ? and status = 'PENDING'")
                .params(status, approver, Timestamp.from(clock.instant()), reason, requestId).update();
        if (n == 0) throw new IllegalStateException("no pending data request " + requestId);
        return jdbc.sql("select request_id, ref, partner_id, status, requested_at from exchange_hit_release where request_id = ?").param(requestId)
                .query((rs, x) -> new Release(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant())).single();
    }

    private UUID thread(UUID inboxId) {
        return jdbc.sql("select thread_id from exchange_inbox where message_id = ?").param(inboxId).query(UUID.class).single();
    }
}
