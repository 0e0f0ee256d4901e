package besa.exchange.hit;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.exchange.Exchange;
import besa.exchange.Outgoing;
import besa.exchange.envelope.MessageKind;
import besa.exchange.envelope.Payload;
import besa.exchange.envelope.Priority;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.Category;
import besa.exchange.partner.PartnerRegistry;
import besa.match.privacy.BloomEncoder;
import besa.match.privacy.ClkLinker;
import besa.match.privacy.ClkRecord;
import besa.match.privacy.Identifier;
import besa.match.privacy.LshBlocking;
import besa.match.privacy.PsiRequest;
import besa.match.privacy.PsiRequester;
import besa.match.privacy.PsiResponder;
import besa.match.privacy.PsiResponse;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cross-matching whole lists with a partner node, as REQUEST/REPLY messages of one thread:
 * <ul>
 * <li>PSI (exact identifiers): we send our blinded set; the partner answers with it double-blinded
 * and its own set blinded; we learn the intersection, the partner learns the size of our set.</li>
 * <li>CLK (names and dates): we ask for the partner's keyed Bloom-filter encodings of a list it
 * offers us; we encode ours under the same agreed key and keep the pairs with Dice above the
 * threshold. The partner learns that we asked.</li>
 * </ul>
 * The partner answers only for a list it offered us ({@link #offer}) and only if its agreement
 * with us covers persons. The requester's PSI secret lives in memory for the session: a restart
 * in between loses the session (marked LOST when the reply comes).
 */
public final class CrossMatch {
    /** Largest list per side: 50,000 PSI points are 1.65 MB of points, ~3 MB as a sealed reply; CLKs ~9 MB. */
    public static final int MAX_ITEMS = 50_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    public enum Method { PSI, CLK }

    /** A candidate pair of a CLK run: our record's index, the partner's record index in that run, Dice. */
    public record Pair(int own, int peer, double dice) {}

    private final Exchange exchange;
    private final PartnerRegistry partners;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;
    private final Map<UUID, PsiRequester> psi = new ConcurrentHashMap<>();
    private final Map<UUID, List<ClkRecord>> clk = new ConcurrentHashMap<>();

    public CrossMatch(Exchange exchange, PartnerRegistry partners, JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Clock clock) {
        this.exchange = exchange;
        this.partners = partners;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- configuration (per partner, by agreement)

    /** Offers {@code partnerId} to cross-match against our identifiers under {@code name}. */
    public void offerIdentifiers(String partnerId, String name, List<Identifier> items) {
        offer(partnerId, name, Method.PSI, items.stream().map(i -> List.of(i.kind().name(), i.value())).toList());
    }

    /** Offers {@code partnerId} our persons (name parts and birth date) under {@code name}, for CLK matching. */
    public void offerPersons(String partnerId, String name, List<ClkRecord> items) {
        offer(partnerId, name, Method.CLK, items.stream().map(r -> List.of(n(r.givenName()), n(r.fatherName()), n(r.surname()), n(r.dateOfBirth()))).toList());
    }

    private void offer(String partnerId, String name, Method method, List<List<String>> items) {
        if (items.size() > MAX_ITEMS) throw new IllegalArgumentException("a cross-match list holds at most " + MAX_ITEMS + " items, not " + items.size());
        jdbc.sql("""
                insert into exchange_xmatch_list (partner_id, name, method, items, updated_at) values (?, ?, ?, ?::jsonb, ?)
                on conflict (partner_id, name, method) do update set items = excluded.items, updated_at = excluded.updated_at""")
                .params(partnerId, name, method.name(), JSON.writeValueAsString(items), Timestamp.from(clock.instant())).update();
    }

    /** The Bloom-filter key agreed with {@code partnerId} out of band (at least 32 random bytes). */
    public void setClkSecret(String partnerId, byte[] secret) {
        if (secret == null || secret.length < 32) throw new IllegalArgumentException("the CLK secret must have at least 32 bytes");
        jdbc.sql("""
                insert into exchange_clk_secret (partner_id, secret, updated_at) values (?, ?, ?)
                on conflict (partner_id) do update set secret = excluded.secret, updated_at = excluded.updated_at""")
                .params(partnerId, secret, Timestamp.from(clock.instant())).update();
    }

    // ---- requester

    /** Starts a PSI run of our identifiers against the partner's list {@code list}; returns the session id. */
    public UUID startPsi(String actor, String partnerId, String list, List<Identifier> own) {
        Set<Identifier> set = new LinkedHashSet<>(own);
        check(set.size());
        UUID session = UUID.randomUUID();
        PsiRequester r = PsiRequester.start(set, RANDOM);
        psi.put(session, r);
        String points = B64.encodeToString(r.request().toBytes());
        return begin(actor, partnerId, list, Method.PSI, session, set.size(),
                Map.of("type", "xmatch-psi-request", "session", session.toString(), "list", list, "points", points));
    }

    /** Starts a CLK run of our persons against the partner's list {@code list}; returns the session id. */
    public UUID startClk(String actor, String partnerId, String list, List<ClkRecord> own) {
        check(own.size());
        secret(partnerId).orElseThrow(() -> new IllegalStateException("no CLK secret agreed with " + partnerId));
        UUID session = UUID.randomUUID();
        clk.put(session, List.copyOf(own));
        return begin(actor, partnerId, list, Method.CLK, session, own.size(),
                Map.of("type", "xmatch-clk-request", "session", session.toString(), "list", list));
    }

    private UUID begin(String actor, String partnerId, String list, Method method, UUID session, int size, Map<String, ?> body) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    insert into exchange_xmatch_session (session_id, role, partner_id, method, list_name, own_size, status, started_by, started_at)
                    values (?, 'REQUESTER', ?, ?, ?, ?, 'SENT', ?, ?)""")
                    .params(session, partnerId, method.name(), list, size, actor, Timestamp.from(clock.instant())).update();
            exchange.send(actor, new Outgoing(partnerId, MessageKind.REQUEST, session, Priority.ROUTINE, null, new Payload(Body.write(body), List.of())));
        });
        return session;
    }

    private static void check(int size) {
        if (size == 0) throw new IllegalArgumentException("nothing to cross-match");
        if (size > MAX_ITEMS) throw new IllegalArgumentException("a cross-match list holds at most " + MAX_ITEMS + " items, not " + size);
    }

    /** The session's status on our side (SENT, DONE, REFUSED, LOST), if known. */
    public Optional<String> status(UUID session) {
        return jdbc.sql("select status from exchange_xmatch_session where session_id = ? and role = 'REQUESTER'").param(session).query(String.class).optional();
    }

    /** What a PSI run found: our identifiers that the partner also holds. */
    public Set<Identifier> intersection(UUID session) {
        return new LinkedHashSet<>(jdbc.sql("select own_item from exchange_xmatch_result where session_id = ? order by own_item").param(session)
                .query((rs, n) -> {
                    String[] kv = rs.getString(1).split("\t", 2);
                    return new Identifier(Identifier.Kind.valueOf(kv[0]), kv[1]);
                }).list());
    }

    /** What a CLK run found: candidate pairs above the threshold, strongest first. */
    public List<Pair> pairs(UUID session) {
        return jdbc.sql("select own_item, peer_index, dice from exchange_xmatch_result where session_id = ? order by dice desc, own_item").param(session)
                .query((rs, n) -> new Pair(Integer.parseInt(rs.getString(1)), rs.getInt(2), rs.getDouble(3))).list();
    }

    /** The size of the partner's list as this side learned it (null before the answer). */
    public Integer peerSize(UUID session, String role) {
        return jdbc.sql("select peer_size from exchange_xmatch_session where session_id = ? and role = ?").params(session, role)
                .query(Integer.class).optional().orElse(null);
    }

    // ---- the worker: answers requests, finishes our runs

    /** Handles every cross-match request and reply not handled yet; returns how many. */
    public synchronized int work() {
        int n = 0;
        for (Row r : pending("REQUEST", "xmatch-")) {
            try {
                tx.executeWithoutResult(s -> respond(r));
            } catch (RuntimeException e) { // a malformed request: refused once, not retried forever
                tx.executeWithoutResult(s -> complete(r, session(r), Method.PSI, String.valueOf(r.body.get("list")), 0, null, "REFUSED",
                        Map.of("type", "xmatch-refused", "session", session(r).toString(), "reason", "malformed request"),
                        "malformed request: " + e.getMessage()));
            }
            n++;
        }
        for (Row r : pending("REPLY", "xmatch-")) {
            try {
                tx.executeWithoutResult(s -> finish(r));
            } catch (RuntimeException e) { // a malformed reply: the run fails once, nothing kept
                tx.executeWithoutResult(s -> {
                    jdbc.sql("delete from exchange_xmatch_result where session_id = ?").param(session(r)).update();
                    int ours = jdbc.sql("update exchange_xmatch_session set status = 'LOST', finished_at = ?, message_id = ? where session_id = ? and role = 'REQUESTER'")
                            .params(Timestamp.from(clock.instant()), r.id, session(r)).update();
                    if (ours == 0) { // not a run of ours: mark the message handled
                        jdbc.sql("""
                                insert into exchange_xmatch_session (session_id, role, partner_id, method, list_name, own_size, status, started_by, started_at, message_id)
                                values (?, 'RESPONDER', ?, 'PSI', '', 0, 'REFUSED', ?, ?, ?)""")
                                .params(UUID.randomUUID(), r.partner, AuditEvent.SYSTEM, Timestamp.from(clock.instant()), r.id).update();
                    }
                    audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.COLLECTION, "cross-match reply " + r.id + " from " + r.partner,
                            "malformed reply: " + e.getMessage(), r.partner, AuditOutcome.FAILED, ""));
                });
            }
            n++;
        }
        return n;
    }

    record Row(UUID id, String partner, UUID thread, Map<?, ?> body) {}

    /** The run's id: the body's, or the thread's when the body has none that parses. */
    private static UUID session(Row r) {
        try {
            return UUID.fromString(String.valueOf(r.body.get("session")));
        } catch (RuntimeException e) {
            return r.thread;
        }
    }

    private List<Row> pending(String kind, String typePrefix) {
        return jdbc.sql("""
                select i.message_id, i.partner_id, i.thread_id, i.message->'payload'->>'note' from exchange_inbox i
                where i.kind = ? and i.message->'payload'->>'note' like ?
                  and not exists (select 1 from exchange_xmatch_session x where x.message_id = i.message_id)
                  and not exists (select 1 from exchange_xmatch_session x where x.session_id = i.thread_id and x.role = 'RESPONDER' and ? = 'REQUEST')
                order by i.received_at limit 50""")
                .params(kind, "{\"type\":\"" + typePrefix + "%", kind)
                .query((rs, x) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), Body.parse(rs.getString(4))))
                .list();
    }

    private void respond(Row r) {
        String type = String.valueOf(r.body.get("type"));
        UUID session = UUID.fromString(String.valueOf(r.body.get("session")));
        String list = String.valueOf(r.body.get("list"));
        Method method = type.equals("xmatch-psi-request") ? Method.PSI : Method.CLK;
        Optional<Agreement> a = partners.agreement(r.partner);
        List<List<String>> items = jdbc.sql("select items::text from exchange_xmatch_list where partner_id = ? and name = ? and method = ?")
                .params(r.partner, list, method.name()).query(String.class).optional()
                .map(j -> JSON.readValue(j, new tools.jackson.core.type.TypeReference<List<List<String>>>() {})).orElse(null);
        String refusal = a.isEmpty() || !a.get().categories().contains(Category.PERSON) ? "the agreement does not cover " + Category.PERSON
                : items == null ? "no list '" + list + "' offered to " + r.partner
                : method == Method.CLK && secret(r.partner).isEmpty() ? "no CLK secret agreed with " + r.partner : null;
        Map<String, ?> reply;
        Integer peerSize = null;
        int ownSize = items == null ? 0 : items.size();
        if (refusal == null && method == Method.PSI) {
            PsiRequest req = PsiRequest.fromBytes(B64D.decode(String.valueOf(r.body.get("points"))));
            peerSize = req.blinded().length;
            if (peerSize > MAX_ITEMS) refusal = "request of " + peerSize + " items exceeds " + MAX_ITEMS;
            else {
                List<Identifier> ids = items.stream().map(i -> new Identifier(Identifier.Kind.valueOf(i.get(0)), i.get(1))).toList();
                PsiResponse resp = PsiResponder.start(ids, RANDOM).respond(req);
                reply = Map.of("type", "xmatch-psi-response", "session", session.toString(), "payload", B64.encodeToString(resp.toBytes()));
                complete(r, session, method, list, ownSize, peerSize, "DONE", reply, "PSI of " + peerSize + " blinded items against " + ownSize);
                return;
            }
        }
        if (refusal == null) {
            BloomEncoder enc = new BloomEncoder(secret(r.partner).orElseThrow(), BloomEncoder.Spec.defaults());
            ByteBuffer buf = ByteBuffer.allocate(items.size() * enc.spec().encodedBits() / 8);
            for (List<String> i : items) for (long w : enc.encode(new ClkRecord(i.get(0), i.get(1), i.get(2), i.get(3)))) buf.putLong(w);
            reply = Map.of("type", "xmatch-clk-response", "session", session.toString(), "bits", enc.spec().encodedBits(),
                    "count", items.size(), "clks", B64.encodeToString(buf.array()));
            complete(r, session, method, list, ownSize, null, "DONE", reply, "CLK encodings of " + ownSize + " persons");
            return;
        }
        complete(r, session, method, list, ownSize, peerSize, "REFUSED",
                Map.of("type", "xmatch-refused", "session", session.toString(), "reason", refusal), refusal);
    }

    private void complete(Row r, UUID session, Method method, String list, int ownSize, Integer peerSize, String status, Map<String, ?> reply, String what) {
        jdbc.sql("""
                insert into exchange_xmatch_session (session_id, role, partner_id, method, list_name, own_size, peer_size, status, started_by,
                    started_at, finished_at, message_id) values (?, 'RESPONDER', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(session, r.partner, method.name(), list, ownSize, peerSize, status, AuditEvent.SYSTEM, Timestamp.from(clock.instant()),
                        Timestamp.from(clock.instant()), r.id).update();
        audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.CONSULTATION, "cross-match " + session + " (" + method + ", list " + list + ") for "
                + r.partner + ": " + status, what, r.partner, status.equals("DONE") ? AuditOutcome.SUCCESS : AuditOutcome.DENIED, ""));
        exchange.send(AuditEvent.SYSTEM, new Outgoing(r.partner, MessageKind.REPLY, r.thread, Priority.ROUTINE, null, new Payload(Body.write(reply), List.of())));
    }

    private void finish(Row r) {
        UUID session = UUID.fromString(String.valueOf(r.body.get("session")));
        String type = String.valueOf(r.body.get("type"));
        boolean ours = jdbc.sql("select count(*) from exchange_xmatch_session where session_id = ? and role = 'REQUESTER' and partner_id = ? and status = 'SENT'")
                .params(session, r.partner).query(Integer.class).single() > 0;
        String status;
        Integer peerSize = null;
        if (!ours) {
            // Not a run of ours with that partner (or finished already): remember the message, keep nothing.
            audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.SECURITY_ALERT, "cross-match reply " + r.id + " from " + r.partner,
                    "no open session " + session, r.partner, AuditOutcome.DENIED, ""));
            jdbc.sql("""
                    insert into exchange_xmatch_session (session_id, role, partner_id, method, list_name, own_size, status, started_by, started_at, message_id)
                    values (?, 'RESPONDER', ?, 'PSI', '', 0, 'REFUSED', ?, ?, ?) on conflict do nothing""")
                    .params(UUID.randomUUID(), r.partner, AuditEvent.SYSTEM, Timestamp.from(clock.instant()), r.id).update();
            return;
        }
        if (type.equals("xmatch-refused")) {
            status = "REFUSED";
        } else if (type.equals("xmatch-psi-response")) {
            PsiRequester req = psi.remove(session);
            if (req == null) status = "LOST";
            else {
                PsiResponse resp = PsiResponse.fromBytes(B64D.decode(String.valueOf(r.body.get("payload"))));
                peerSize = resp.blinded().length;
                for (Identifier i : req.intersection(resp)) {
                    jdbc.sql("insert into exchange_xmatch_result (session_id, own_item) values (?, ?)").params(session, i.kind() + "\t" + i.value()).update();
                }
                status = "DONE";
            }
        } else {
            List<ClkRecord> own = clk.remove(session);
            if (own == null) status = "LOST";
            else {
                byte[] secret = secret(r.partner).orElseThrow();
                BloomEncoder enc = new BloomEncoder(secret, BloomEncoder.Spec.defaults());
                int words = enc.spec().encodedBits() / 64;
                if (((Number) r.body.get("bits")).intValue() != enc.spec().encodedBits()) throw new IllegalStateException("partner encodes with another spec");
                ByteBuffer buf = ByteBuffer.wrap(B64D.decode(String.valueOf(r.body.get("clks"))));
                List<long[]> theirs = new ArrayList<>();
                while (buf.remaining() >= words * 8) {
                    long[] e = new long[words];
                    for (int w = 0; w < words; w++) e[w] = buf.getLong();
                    theirs.add(e);
                }
                peerSize = theirs.size();
                List<long[]> mine = own.stream().map(enc::encode).toList();
                var result = ClkLinker.link(mine, theirs, enc.spec().suggestedThreshold(), LshBlocking.defaults(secret, enc.spec()), 2_000);
                for (ClkLinker.Pair p : result.pairs()) {
                    jdbc.sql("insert into exchange_xmatch_result (session_id, own_item, peer_index, dice) values (?, ?, ?, ?)")
                            .params(session, Integer.toString(p.left()), p.right(), p.dice()).update();
                }
                status = "DONE";
            }
        }
        jdbc.sql("update exchange_xmatch_session set status = ?, peer_size = ?, finished_at = ?, message_id = ? where session_id = ? and role = 'REQUESTER'")
                .params(status, peerSize, Timestamp.from(clock.instant()), r.id, session).update();
        audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.COLLECTION, "cross-match " + session + " result from " + r.partner + ": " + status,
                "matches kept: " + jdbc.sql("select count(*) from exchange_xmatch_result where session_id = ?").param(session).query(Integer.class).single(),
                r.partner, status.equals("DONE") ? AuditOutcome.SUCCESS : AuditOutcome.FAILED, ""));
    }

    private Optional<byte[]> secret(String partnerId) {
        return jdbc.sql("select secret from exchange_clk_secret where partner_id = ?").param(partnerId).query(byte[].class).optional();
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }
}
