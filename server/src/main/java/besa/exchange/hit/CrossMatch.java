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
import besa.match.privacy.SetPadding;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
 * with us covers persons. The requester's own list and PSI secret exponent are kept in
 * {@code exchange_xmatch_own} (the exponent sealed by {@link SecretVault}) until the reply, so a
 * restart in between does not lose the run; the exponent is dropped when the run ends.
 *
 * <p>Neither side sends its list's size: what it sends (PSI: its blinded set; CLK: the responder's encodings) is padded
 * with dummies that never match up to a bucket ({@link SetPadding}: the next power of two, or the next multiple of
 * {@code besa.exchange.xmatch-pad-step}, never above {@link #MAX_ITEMS}), so the partner learns the bucket only.
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

    /**
     * A run as this side knows it: what it learned about the other list is only the padded size it was sent
     * ({@code peerSize}); {@code sentSize} is what we sent of ours (the bucket), null when we sent no list.
     */
    public record Session(UUID id, String role, String partnerId, Method method, String list, int ownSize, Integer peerSize, String status,
                          String startedBy, Instant startedAt, Instant finishedAt, Integer sentSize) {}

    /** A list we offer a partner (names and sizes; the items stay in the table). */
    public record Offer(String partnerId, String name, Method method, int size, Instant updatedAt) {}

    private final Exchange exchange;
    private final PartnerRegistry partners;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;
    private final SecretVault vault;
    private final int padStep;
    private final PartnerLimits limits;

    CrossMatch(Exchange exchange, PartnerRegistry partners, JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Clock clock, SecretVault vault,
               int padStep, PartnerLimits limits) {
        if (padStep < 0) throw new IllegalArgumentException("besa.exchange.xmatch-pad-step must be 0 (powers of two) or a positive step");
        this.padStep = padStep;
        this.limits = limits;
        this.vault = vault;
        this.exchange = exchange;
        this.partners = partners;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- configuration (per partner, by agreement)

    /** Offers {@code partnerId} to cross-match against our identifiers under {@code name}. */
    public void offerIdentifiers(String actor, String partnerId, String name, List<Identifier> items) {
        offer(actor, partnerId, name, Method.PSI, identifierItems(items));
    }

    /** Offers {@code partnerId} our persons (name parts and birth date) under {@code name}, for CLK matching. */
    public void offerPersons(String actor, String partnerId, String name, List<ClkRecord> items) {
        offer(actor, partnerId, name, Method.CLK, personItems(items));
    }

    private void offer(String actor, String partnerId, String name, Method method, List<List<String>> items) {
        if (name == null || !name.matches("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,79}")) {
            throw new IllegalArgumentException("a list name is 1 to 80 letters, digits, spaces, '.', '_' or '-'");
        }
        if (partners.find(partnerId).isEmpty()) throw new IllegalArgumentException("no partner " + partnerId);
        if (items.isEmpty()) throw new IllegalArgumentException("the list is empty");
        if (items.size() > MAX_ITEMS) throw new IllegalArgumentException("a cross-match list holds at most " + MAX_ITEMS + " items, not " + items.size());
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    insert into exchange_xmatch_list (partner_id, name, method, items, updated_at) values (?, ?, ?, ?::jsonb, ?)
                    on conflict (partner_id, name, method) do update set items = excluded.items, updated_at = excluded.updated_at""")
                    .params(partnerId, name, method.name(), JSON.writeValueAsString(items), Timestamp.from(clock.instant())).update();
            // Nothing leaves yet: the list only answers this partner's runs from now on.
            audit.record(new AuditEvent(actor, AuditAction.ALTERATION, "cross-match list '" + name + "' (" + method + ", " + items.size()
                    + " items) offered to " + partnerId, "", partnerId, AuditOutcome.SUCCESS, ""));
        });
    }

    /** The lists we offer partners, by partner and name. */
    public List<Offer> offers() {
        return jdbc.sql("select partner_id, name, method, jsonb_array_length(items), updated_at from exchange_xmatch_list order by partner_id, name, method")
                .query((rs, n) -> new Offer(rs.getString(1), rs.getString(2), Method.valueOf(rs.getString(3)), rs.getInt(4),
                        rs.getTimestamp(5).toInstant())).list();
    }

    /** The identifiers of one of our lists (to run it as our own side against a partner's list). */
    public List<Identifier> offeredIdentifiers(String partnerId, String name) {
        return items(partnerId, name, Method.PSI).stream().map(i -> new Identifier(Identifier.Kind.valueOf(i.get(0)), i.get(1))).toList();
    }

    /** The persons of one of our lists. */
    public List<ClkRecord> offeredPersons(String partnerId, String name) {
        return items(partnerId, name, Method.CLK).stream().map(i -> new ClkRecord(i.get(0), i.get(1), i.get(2), i.get(3))).toList();
    }

    private List<List<String>> items(String partnerId, String name, Method method) {
        return jdbc.sql("select items::text from exchange_xmatch_list where partner_id = ? and name = ? and method = ?")
                .params(partnerId, name, method.name()).query(String.class).optional().map(CrossMatch::readItems)
                .orElseThrow(() -> new IllegalArgumentException("no " + method + " list '" + name + "' for " + partnerId));
    }

    /** The Bloom-filter key agreed with {@code partnerId} out of band (at least 32 random bytes); stored sealed. */
    public void setClkSecret(String actor, String partnerId, byte[] secret) {
        if (secret == null || secret.length < 32) throw new IllegalArgumentException("the CLK secret must have at least 32 bytes");
        if (partners.find(partnerId).isEmpty()) throw new IllegalArgumentException("no partner " + partnerId);
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    insert into exchange_clk_secret (partner_id, secret, key_version, updated_at) values (?, ?, ?, ?)
                    on conflict (partner_id) do update set secret = excluded.secret, key_version = excluded.key_version, updated_at = excluded.updated_at""")
                    .params(partnerId, vault.seal(SecretVault.clkContext(partnerId), secret), vault.version(), Timestamp.from(clock.instant())).update();
            audit.record(new AuditEvent(actor, AuditAction.CREDENTIAL_CHANGE, "CLK secret for cross-matching with " + partnerId + " set",
                    "agreed out of band", partnerId, AuditOutcome.SUCCESS, ""));
        });
    }

    /** A fresh 32-byte secret from SecureRandom, stored for {@code partnerId}; returned once, to hand over out of band. */
    public byte[] generateClkSecret(String actor, String partnerId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        setClkSecret(actor, partnerId, secret);
        return secret;
    }

    /** When the CLK secret with {@code partnerId} was last set, if it was. */
    public Optional<Instant> clkSecretSetAt(String partnerId) {
        return jdbc.sql("select updated_at from exchange_clk_secret where partner_id = ?").param(partnerId).query(Timestamp.class).optional()
                .map(Timestamp::toInstant);
    }

    // ---- requester

    /** Starts a PSI run of our identifiers against the partner's list {@code list}; returns the session id. */
    public UUID startPsi(String actor, String partnerId, String list, List<Identifier> own) {
        Set<Identifier> set = new LinkedHashSet<>(own);
        check(set.size());
        UUID session = UUID.randomUUID();
        PsiRequester r = PsiRequester.start(set, RANDOM, bucket(set.size()));
        String points = B64.encodeToString(r.request().toBytes());
        return begin(actor, partnerId, list, Method.PSI, session, set.size(), r.sent(), identifierItems(r.order()), r.slots(),
                vault.seal(SecretVault.psiContext(session), r.secret()),
                Map.of("type", "xmatch-psi-request", "session", session.toString(), "list", list, "points", points));
    }

    /** Starts a CLK run of our persons against the partner's list {@code list}; returns the session id. */
    public UUID startClk(String actor, String partnerId, String list, List<ClkRecord> own) {
        check(own.size());
        secret(partnerId).orElseThrow(() -> new IllegalStateException("no CLK secret agreed with " + partnerId));
        UUID session = UUID.randomUUID();
        return begin(actor, partnerId, list, Method.CLK, session, own.size(), null, personItems(own), null, null,
                Map.of("type", "xmatch-clk-request", "session", session.toString(), "list", list));
    }

    /** Records the run and our side of it (list, sealed PSI secret) with the request, in one transaction. */
    private UUID begin(String actor, String partnerId, String list, Method method, UUID session, int size, Integer sent, List<List<String>> own,
                       int[] slots, byte[] sealedSecret, Map<String, ?> body) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    insert into exchange_xmatch_session (session_id, role, partner_id, method, list_name, own_size, sent_size, status, started_by, started_at)
                    values (?, 'REQUESTER', ?, ?, ?, ?, ?, 'SENT', ?, ?)""")
                    .params(session, partnerId, method.name(), list, size, sent, actor, Timestamp.from(clock.instant())).update();
            jdbc.sql("insert into exchange_xmatch_own (session_id, items, slots, secret, key_version) values (?, ?::jsonb, ?::integer[], ?, ?)")
                    .params(session, JSON.writeValueAsString(own), places(slots), sealedSecret, sealedSecret == null ? null : vault.version()).update();
            exchange.send(actor, new Outgoing(partnerId, MessageKind.REQUEST, session, Priority.ROUTINE, null, new Payload(Body.write(body), List.of())));
        });
        return session;
    }

    /** Places as a PostgreSQL array literal (null stays null). */
    private static String places(int[] slots) {
        if (slots == null) return null;
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < slots.length; i++) b.append(i == 0 ? "" : ",").append(slots[i]);
        return b.append('}').toString();
    }

    /**
     * Responder side of a CLK run: the index, in the list we offered, of the record we sent at {@code place} of our reply
     * (a candidate pair names places); empty for a dummy's place or a run we did not answer with encodings.
     */
    public java.util.OptionalInt recordAt(UUID session, int place) {
        return jdbc.sql("select array_position(own_slots, ?) from exchange_xmatch_session where session_id = ? and role = 'RESPONDER'")
                .params(place, session).query((rs, n) -> rs.getObject(1, Integer.class)).optional()
                .filter(java.util.Objects::nonNull).map(i -> java.util.OptionalInt.of(i - 1)).orElse(java.util.OptionalInt.empty());
    }

    /** How many elements a list of {@code size} is sent as: its bucket. */
    int bucket(int size) {
        return SetPadding.bucket(size, padStep, MAX_ITEMS);
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

    /** Runs on either side, newest first. */
    public List<Session> sessions(int limit) {
        return jdbc.sql(SESSION + " order by started_at desc limit ?").param(limit).query(CrossMatch::sessionRow).list();
    }

    /** One run as this side knows it ({@code role} REQUESTER or RESPONDER). */
    public Optional<Session> session(UUID id, String role) {
        return jdbc.sql(SESSION + " where session_id = ? and role = ? and list_name <> ''").params(id, role).query(CrossMatch::sessionRow).optional();
    }

    private static final String SESSION = """
            select session_id, role, partner_id, method, list_name, own_size, peer_size, status, started_by, started_at, finished_at, sent_size
            from exchange_xmatch_session""";

    private static Session sessionRow(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp done = rs.getTimestamp(11);
        return new Session(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), Method.valueOf(rs.getString(4)), rs.getString(5),
                rs.getInt(6), rs.getObject(7, Integer.class), rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant(),
                done == null ? null : done.toInstant(), rs.getObject(12, Integer.class));
    }

    /** Our list of a run we started (PSI: kind and value; CLK: given, father, surname, birth date), to read the results against. */
    public List<List<String>> ownItems(UUID session) {
        return jdbc.sql("select items::text from exchange_xmatch_own where session_id = ?").param(session).query(String.class).optional()
                .map(CrossMatch::readItems).orElse(List.of());
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
                tx.executeWithoutResult(s -> complete(r, session(r), Method.PSI, String.valueOf(r.body.get("list")), 0, null, null, "REFUSED",
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
                    dropSecret(session(r));
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
        // The limits first, on what the run would compare (PSI: the partner's records; CLK: our encodings, padded).
        Instant at = limits.receivedAt(r.id);
        int records = method == Method.PSI ? PsiRequest.fromBytes(B64D.decode(String.valueOf(r.body.get("points")))).blinded().length
                : items == null ? 0 : bucket(items.size());
        Optional<PartnerLimits.Exceeded> over = limits.crossMatch(r.partner, at, records);
        if (over.isPresent()) {
            complete(r, session, method, list, 0, null, null, "LIMITED",
                    Map.of("type", "xmatch-refused", "session", session.toString(), "reason", PartnerLimits.XMATCH_REFUSAL),
                    "over the limit of " + over.get().value() + " " + over.get().limit().text);
            limits.refused(r.id, r.partner, PartnerLimits.Kind.XMATCH, over.get(), at);
            return;
        }
        if (refusal == null && method == Method.PSI) {
            PsiRequest req = PsiRequest.fromBytes(B64D.decode(String.valueOf(r.body.get("points"))));
            peerSize = req.blinded().length;
            if (peerSize > MAX_ITEMS) refusal = "request of " + peerSize + " items exceeds " + MAX_ITEMS;
            else {
                List<Identifier> ids = items.stream().map(i -> new Identifier(Identifier.Kind.valueOf(i.get(0)), i.get(1))).toList();
                PsiResponse resp = PsiResponder.start(ids, RANDOM, bucket(ids.size())).respond(req);
                reply = Map.of("type", "xmatch-psi-response", "session", session.toString(), "payload", B64.encodeToString(resp.toBytes()));
                complete(r, session, method, list, ownSize, peerSize, resp.blinded().length, "DONE", reply,
                        "PSI of " + peerSize + " blinded items against " + ownSize + " (sent as " + resp.blinded().length + ")");
                return;
            }
        }
        if (refusal == null) {
            BloomEncoder enc = new BloomEncoder(secret(r.partner).orElseThrow(), BloomEncoder.Spec.defaults());
            // Our records at random places among dummies (made-up people) up to the bucket: a pair names a place, which
            // only we map back to a record (recordAt), so the places of pairs do not tell the partner how many we have.
            int sent = bucket(items.size());
            int[] slots = SetPadding.slots(items.size(), sent, RANDOM);
            long[][] placed = new long[sent][];
            for (int i = 0; i < items.size(); i++) {
                List<String> p = items.get(i);
                placed[slots[i]] = enc.encode(new ClkRecord(p.get(0), p.get(1), p.get(2), p.get(3)));
            }
            ByteBuffer buf = ByteBuffer.allocate(sent * enc.spec().encodedBits() / 8);
            for (long[] e : placed) for (long w : e == null ? enc.dummy(RANDOM) : e) buf.putLong(w);
            reply = Map.of("type", "xmatch-clk-response", "session", session.toString(), "bits", enc.spec().encodedBits(),
                    "count", sent, "clks", B64.encodeToString(buf.array()));
            complete(r, session, method, list, ownSize, null, sent, "DONE", reply, "CLK encodings of " + ownSize + " persons (sent as " + sent + ")", slots);
            return;
        }
        complete(r, session, method, list, ownSize, peerSize, null, "REFUSED",
                Map.of("type", "xmatch-refused", "session", session.toString(), "reason", refusal), refusal);
    }

    private void complete(Row r, UUID session, Method method, String list, int ownSize, Integer peerSize, Integer sent, String status,
                          Map<String, ?> reply, String what) {
        complete(r, session, method, list, ownSize, peerSize, sent, status, reply, what, null);
    }

    private void complete(Row r, UUID session, Method method, String list, int ownSize, Integer peerSize, Integer sent, String status,
                          Map<String, ?> reply, String what, int[] ownSlots) {
        jdbc.sql("""
                insert into exchange_xmatch_session (session_id, role, partner_id, method, list_name, own_size, peer_size, sent_size, own_slots, status,
                    started_by, started_at, finished_at, message_id) values (?, 'RESPONDER', ?, ?, ?, ?, ?, ?, ?::integer[], ?, ?, ?, ?, ?)""")
                .params(session, r.partner, method.name(), list, ownSize, peerSize, sent, places(ownSlots), status, AuditEvent.SYSTEM,
                        Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), r.id).update();
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
        if (!ours && jdbc.sql("select count(*) from exchange_xmatch_session where session_id = ? and role = 'REQUESTER' and partner_id = ? and status = 'LOST'")
                .params(session, r.partner).query(Integer.class).single() > 0) {
            // Our run, ended (no reply by its deadline) before this reply came: its secret is gone, nothing is taken.
            audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.COLLECTION, "cross-match reply " + r.id + " from " + r.partner,
                    "run " + session + " had ended (no reply by its deadline)", r.partner, AuditOutcome.DENIED, ""));
            jdbc.sql("""
                    insert into exchange_xmatch_session (session_id, role, partner_id, method, list_name, own_size, status, started_by, started_at, message_id)
                    values (?, 'RESPONDER', ?, 'PSI', '', 0, 'REFUSED', ?, ?, ?) on conflict do nothing""")
                    .params(UUID.randomUUID(), r.partner, AuditEvent.SYSTEM, Timestamp.from(clock.instant()), r.id).update();
            return;
        }
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
            PsiRequester req = resumePsi(session);
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
            List<ClkRecord> own = ownItems(session).stream().map(i -> new ClkRecord(i.get(0), i.get(1), i.get(2), i.get(3))).toList();
            if (own.isEmpty()) status = "LOST";
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
        dropSecret(session);
        audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.COLLECTION, "cross-match " + session + " result from " + r.partner + ": " + status,
                "matches kept: " + jdbc.sql("select count(*) from exchange_xmatch_result where session_id = ?").param(session).query(Integer.class).single(),
                r.partner, status.equals("DONE") ? AuditOutcome.SUCCESS : AuditOutcome.FAILED, ""));
    }

    /** Our PSI side of {@code session} from its saved list and sealed secret; null if there is none (or it does not open). */
    private PsiRequester resumePsi(UUID session) {
        var saved = jdbc.sql("""
                select o.items::text, o.secret, s.sent_size, array_to_string(o.slots, ',') from exchange_xmatch_own o
                left join exchange_xmatch_session s on s.session_id = o.session_id and s.role = 'REQUESTER'
                where o.session_id = ? and o.secret is not null""").param(session)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getBytes(2), rs.getObject(3, Integer.class), rs.getString(4)}).optional();
        if (saved.isEmpty()) return null;
        try {
            byte[] secret = vault.open(SecretVault.psiContext(session), (byte[]) saved.get()[1]);
            List<Identifier> order = readItems((String) saved.get()[0]).stream()
                    .map(i -> new Identifier(Identifier.Kind.valueOf(i.get(0)), i.get(1))).toList();
            Integer sent = (Integer) saved.get()[2]; // null: a run started before padding (V170)
            String slots = (String) saved.get()[3]; // null: a run from before the places were drawn (V179), items first
            int[] places = slots == null ? null : slots.isEmpty() ? new int[0] : java.util.Arrays.stream(slots.split(",")).mapToInt(Integer::parseInt).toArray();
            return PsiRequester.resume(secret, order, sent == null ? order.size() : sent, places);
        } catch (besa.platform.SealingKeys.Unreadable e) {
            return null;
        }
    }

    /** A run that ended needs its secret no more. */
    /**
     * Ends our runs whose request's reply deadline passed at {@code now} with no reply: each becomes LOST and its sealed PSI
     * exponent is dropped (kept for ever otherwise), audited with the partner named. A reply coming later is not taken.
     * Run by a scheduled purge (besa.exchange.xmatch-expiry-check, default 15m) and directly by tests. Returns how many ended.
     */
    public synchronized int expire(Instant now) {
        List<UUID[]> due = jdbc.sql("""
                select s.session_id from exchange_xmatch_session s
                where s.role = 'REQUESTER' and s.status = 'SENT' and exists (select 1 from exchange_outbox o
                    where o.thread_id = s.session_id and o.partner_id = s.partner_id and o.kind = 'REQUEST' and o.reply_by < ?)""")
                .param(Timestamp.from(now)).query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class)}).list();
        int ended = 0;
        for (UUID[] row : due) {
            UUID session = row[0];
            Boolean done = tx.execute(t -> {
                String partner = jdbc.sql("""
                        update exchange_xmatch_session set status = 'LOST', finished_at = ? where session_id = ? and role = 'REQUESTER' and status = 'SENT'
                        returning partner_id""").params(Timestamp.from(now), session).query(String.class).optional().orElse(null);
                if (partner == null) return false; // the reply came meanwhile
                dropSecret(session);
                audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.COLLECTION, "cross-match " + session + " with " + partner + ": LOST",
                        "no reply by the deadline; the secret exponent was dropped", partner, AuditOutcome.FAILED, ""));
                return true;
            });
            if (Boolean.TRUE.equals(done)) ended++;
        }
        return ended;
    }

    private void dropSecret(UUID session) {
        jdbc.sql("update exchange_xmatch_own set secret = null, key_version = null where session_id = ?").param(session).update();
    }

    private Optional<byte[]> secret(String partnerId) {
        return jdbc.sql("select secret, key_version from exchange_clk_secret where partner_id = ?").param(partnerId)
                .query((rs, n) -> rs.getObject(2) == null ? rs.getBytes(1) : vault.open(SecretVault.clkContext(partnerId), rs.getBytes(1)))
                .optional();
    }

    private static List<List<String>> identifierItems(List<Identifier> items) {
        return items.stream().map(i -> List.of(i.kind().name(), i.value())).toList();
    }

    private static List<List<String>> personItems(List<ClkRecord> items) {
        return items.stream().map(r -> List.of(n(r.givenName()), n(r.fatherName()), n(r.surname()), n(r.dateOfBirth()))).toList();
    }

    private static List<List<String>> readItems(String json) {
        return JSON.readValue(json, new tools.jackson.core.type.TypeReference<List<List<String>>>() {});
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }
}
