package besa.exchange.partner;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.exchange.node.Certificates;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The partner registry as liaison officers keep it (pages and REST): partners, agreements,
 * certificates and keys, every change audited with who and why.
 *
 * <p>Who decides: a liaison officer changes a partner's details, deactivates it or narrows its
 * agreement at once. What widens where intelligence may go — a new or wider agreement (a category
 * more, a higher handling code, onward transfer allowed), a certificate or public keys added (they
 * decide which server we talk to and whom we encrypt for), a partner made active again — is only
 * requested; a <em>second</em> liaison officer approves it, and only then it applies (the two-person
 * rule of H2/H3 messages, for the same reason). The partners file of the configuration applies
 * without this step: it is the operator's, as the node's keys are.
 */
public class PartnerAdmin {
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a liaison officer types about a partner. */
    public record PartnerForm(String id, String agency, String country, String url, String contact) {}

    /** What a liaison officer types about an agreement. */
    public record AgreementForm(List<String> categories, String legalBasis, String maxHandling, Boolean onwardTransfer) {}

    public record CertificateInfo(String fingerprint, String subject, Instant notBefore, Instant notAfter, Instant validUntil, boolean trusted) {}

    public record KeyInfo(String kid, String use, Instant addedAt, Instant validUntil, boolean valid) {}

    /** One partner as the registry page shows it; {@code status} ACTIVE, INCOMPLETE (what is missing) or INACTIVE. */
    public record View(Partner partner, Agreement agreement, String status, List<String> missing, List<CertificateInfo> certificates,
                       List<KeyInfo> keys, List<Change> pending) {}

    /** A widening change and its fate. */
    public record Change(UUID id, String partner, String kind, String summary, String reason, String status, String requestedBy,
                         Instant requestedAt, String decidedBy, Instant decidedAt, String decision) {}

    /** What a change did: applied at once, or waiting for a second officer. */
    public record Outcome(boolean applied, Change pending) {}

    /** An originator's recorded permission to pass its material ({@code entity}, or all when null) to {@code recipient}. */
    public record PermissionView(long id, String originator, String recipient, String entity, String reference, String recordedBy,
                                 String approvedBy, Instant recordedAt) {}

    /** A refused change: HTTP status, the field at fault (or null) and why. */
    public static class Refused extends RuntimeException {
        private final HttpStatus status;
        private final String field;

        public Refused(HttpStatus status, String field, String detail) {
            super(detail);
            this.status = status;
            this.field = field;
        }

        public HttpStatus status() {
            return status;
        }

        public String field() {
            return field;
        }
    }

    private final PartnerRegistry registry;
    private final String ownAgency;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration permissionMaxAge;

    /** {@code permissionMaxAge}: a forwarding permission request older than this is stale and no longer approved. */
    public PartnerAdmin(PartnerRegistry registry, JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Clock clock, Duration permissionMaxAge) {
        this(registry, jdbc, tx, audit, clock, permissionMaxAge, "");
    }

    /** @param ownAgency this node's agency: no partner may be registered under it */
    public PartnerAdmin(PartnerRegistry registry, JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, Clock clock, Duration permissionMaxAge,
                        String ownAgency) {
        this.ownAgency = ownAgency == null ? "" : ownAgency.strip();
        this.registry = registry;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.permissionMaxAge = permissionMaxAge;
    }

    public List<View> list() {
        return registry.all().stream().map(this::view).toList();
    }

    public Optional<View> find(String id) {
        return registry.find(id).map(this::view);
    }

    private View view(Partner p) {
        Instant now = clock.instant();
        Agreement a = registry.agreement(p.id()).orElse(null);
        List<CertificateInfo> certs = jdbc.sql("select fingerprint, pem, valid_until from exchange_partner_certificate where partner_id = ? order by added_at")
                .param(p.id()).query((rs, n) -> {
                    X509Certificate c = Certificates.fromPem(rs.getString(2));
                    Instant until = rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant();
                    boolean trusted = (until == null || until.isAfter(now)) && c.getNotAfter().toInstant().isAfter(now)
                            && !c.getNotBefore().toInstant().isAfter(now);
                    return new CertificateInfo(rs.getString(1), c.getSubjectX500Principal().getName(), c.getNotBefore().toInstant(),
                            c.getNotAfter().toInstant(), until, trusted);
                }).list();
        List<KeyInfo> keys = jdbc.sql("select kid, use, added_at, valid_until from exchange_partner_key where partner_id = ? order by added_at")
                .param(p.id()).query((rs, n) -> {
                    Instant until = rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant();
                    return new KeyInfo(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), until, until == null || until.isAfter(now));
                }).list();
        List<String> missing = new ArrayList<>();
        if (a == null) missing.add("agreement");
        if (certs.stream().noneMatch(CertificateInfo::trusted)) missing.add("certificate");
        if (keys.stream().noneMatch(k -> k.valid() && k.use().equals("sig"))) missing.add("signing key");
        if (keys.stream().noneMatch(k -> k.valid() && k.use().equals("enc"))) missing.add("encryption key");
        String status = !p.active() ? "INACTIVE" : missing.isEmpty() ? "ACTIVE" : "INCOMPLETE";
        return new View(p, a, status, missing, certs, keys, changes(p.id(), true));
    }

    /** Adds a partner (active: nothing can flow until its agreement, certificate and keys are approved). */
    public Partner create(String actor, PartnerForm f, String reason, String client) {
        requireReason(reason);
        Partner p = partner(f, true);
        if (registry.find(p.id()).isPresent()) throw new Refused(HttpStatus.CONFLICT, "id", "partner " + p.id() + " exists already");
        notOurAgency(p);
        tx.executeWithoutResult(s -> {
            registry.save(p);
            altered(actor, p.id(), "added (" + p.agency() + ", " + p.country() + ", " + p.baseUrl() + ")", reason, client);
        });
        return p;
    }

    /** Changes a partner's agency, country, node URL and contact points (the pinned certificate still decides whom we talk to). */
    public Partner update(String actor, String id, PartnerForm f, String reason, String client) {
        requireReason(reason);
        Partner old = existing(id);
        Partner p = partner(new PartnerForm(id, f.agency(), f.country(), f.url(), f.contact()), old.active());
        notOurAgency(p);
        if (!old.agency().equalsIgnoreCase(p.agency())) notAnotherPartnersAgency(p);
        tx.executeWithoutResult(s -> {
            registry.save(p);
            altered(actor, id, "details changed: " + differences(old, p), reason, client);
        });
        return p;
    }

    /**
     * No partner is registered under this node's own agency: the name is what people read on pages, leads and the
     * audit trail, and a partner named like us would pass its material off as ours to a reader. (Onward rules never
     * decide by names: they use partner ids, docs/adr/0006.)
     */
    private void notOurAgency(Partner p) {
        if (!ownAgency.isEmpty() && ownAgency.equalsIgnoreCase(p.agency())) {
            throw new Refused(HttpStatus.BAD_REQUEST, "agency", "'" + p.agency() + "' is this node's own agency; a partner has its own name");
        }
    }

    /**
     * A rename (one liaison officer, not under the two-person rule) never takes another partner's agency name, so one
     * partner cannot be made to read as another. Registering two ids of the same agency stays possible (an agency
     * with two nodes).
     */
    private void notAnotherPartnersAgency(Partner p) {
        Optional<Partner> clash = registry.all().stream().filter(o -> !o.id().equals(p.id()) && o.agency().equalsIgnoreCase(p.agency())).findFirst();
        if (clash.isPresent()) {
            throw new Refused(HttpStatus.CONFLICT, "agency", "'" + p.agency() + "' is the agency of partner " + clash.get().id() + " already");
        }
    }

    /** Stops all exchange with the partner at once (its certificate is no longer accepted, nothing is sent). */
    public void deactivate(String actor, String id, String reason, String client) {
        requireReason(reason);
        Partner old = existing(id);
        tx.executeWithoutResult(s -> {
            registry.save(new Partner(old.id(), old.agency(), old.country(), old.baseUrl(), old.contact(), false));
            altered(actor, id, "deactivated", reason, client);
        });
    }

    /** Asks for the partner to be active again (a second officer approves). */
    public Change activate(String actor, String id, String reason, String client) {
        requireReason(reason);
        if (existing(id).active()) throw new Refused(HttpStatus.CONFLICT, null, "partner " + id + " is active already");
        return request(actor, id, "ACTIVATE", Map.of(), "make " + id + " active again", reason, client);
    }

    /** Sets the agreement: at once when it narrows (or only the legal basis changes), else as a request for a second officer. */
    public Outcome agreement(String actor, String id, AgreementForm f, String reason, String client) {
        requireReason(reason);
        existing(id);
        Agreement next = agreement(id, f);
        Agreement old = registry.agreement(id).orElse(null);
        if (old != null && !widens(old, next)) {
            tx.executeWithoutResult(s -> {
                registry.saveAgreement(next);
                altered(actor, id, "agreement set: " + describe(next) + " (was " + describe(old) + ")", reason, client);
            });
            return new Outcome(true, null);
        }
        Map<String, Object> payload = terms(next);
        // The agreement it starts from: approving applies only if it is still in force (a narrowing made since is never undone).
        payload.put("base", old == null ? null : terms(old));
        return new Outcome(false, request(actor, id, "AGREEMENT", payload,
                "agreement " + describe(next) + (old == null ? " (none yet)" : " (was " + describe(old) + ")"), reason, client));
    }

    /** An agreement's terms as a change stores them (and compares them: the same types as read back from JSON). */
    private static Map<String, Object> terms(Agreement a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("categories", a.categories().stream().map(Enum::name).sorted().toList());
        m.put("legalBasis", a.legalBasis());
        m.put("maxHandling", a.maxHandling().name());
        m.put("onwardTransfer", a.onwardTransfer());
        return m;
    }

    /** Asks for a TLS certificate (PEM) to be pinned for the partner. */
    public Change certificate(String actor, String id, String pem, String reason, String client) {
        requireReason(reason);
        existing(id);
        X509Certificate c = certificate(pem);
        String fp = Certificates.fingerprint(c);
        Optional<String> holder = jdbc.sql("select partner_id from exchange_partner_certificate where fingerprint = ?").param(fp).query(String.class).optional();
        if (holder.isPresent()) {
            throw new Refused(HttpStatus.CONFLICT, "pem", "certificate " + fp + " is already registered" + (holder.get().equals(id) ? "" : " for another partner"));
        }
        return request(actor, id, "CERTIFICATE", Map.of("pem", Certificates.toPem(c)), "certificate " + fp + " (" + c.getSubjectX500Principal().getName()
                + ", valid " + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant() + ")", reason, client);
    }

    /** Asks for the partner's public keys (a JWK set, or one JWK) to be registered. */
    public Change keys(String actor, String id, String jwks, String reason, String client) {
        requireReason(reason);
        existing(id);
        List<JWK> keys = keys(jwks);
        for (JWK k : keys) {
            Optional<String> clash = registry.keyClash(id, k);
            if (clash.isPresent()) throw new Refused(HttpStatus.CONFLICT, "jwks", clash.get());
        }
        return request(actor, id, "KEYS", Map.of("jwks", new JWKSet(keys).toString(true)), "keys "
                + String.join(", ", keys.stream().map(k -> k.getKeyID() + " (" + k.getKeyUse().identifier() + ")").toList()), reason, client);
    }

    // ---------------------------------------------------------------- retiring certificates and keys (narrowing: one officer)

    /**
     * Stops trusting a partner's TLS certificate at once. Refused when it is the partner's last certificate that is
     * trusted and not already on its way out, while the partner is active (nothing could reach it any more; register
     * the new certificate first, or deactivate the partner, e.g. when the key was compromised).
     */
    public void retireCertificate(String actor, String id, String fingerprint, String reason, String client) {
        requireReason(reason);
        tx.executeWithoutResult(s -> {
            Partner p = locked(id);
            Instant now = clock.instant();
            record Cert(String fingerprint, X509Certificate cert, Instant until) {}
            List<Cert> certs = jdbc.sql("select fingerprint, pem, valid_until from exchange_partner_certificate where partner_id = ?").param(id)
                    .query((rs, n) -> new Cert(rs.getString(1), Certificates.fromPem(rs.getString(2)),
                            rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant())).list();
            String fp = fingerprint == null ? "" : fingerprint.strip().toLowerCase(Locale.ROOT);
            Cert c = certs.stream().filter(x -> x.fingerprint().equals(fp)).findFirst()
                    .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "fingerprint", "no certificate " + fp + " registered for " + id));
            if (c.until() != null && !c.until().isAfter(now)) throw new Refused(HttpStatus.CONFLICT, "fingerprint", "certificate " + fp + " is retired already");
            boolean another = certs.stream().anyMatch(x -> !x.fingerprint().equals(fp) && x.until() == null
                    && x.cert().getNotAfter().toInstant().isAfter(now) && !x.cert().getNotBefore().toInstant().isAfter(now));
            if (p.active() && !another) {
                throw new Refused(HttpStatus.CONFLICT, "fingerprint", "certificate " + fp + " is the last trusted certificate of " + id
                        + ": nothing could reach it. Register its new certificate first (a second officer approves it), or deactivate the partner");
            }
            registry.retireCertificate(fp, now);
            altered(actor, id, "certificate " + fp + " retired", reason, client);
        });
    }

    /**
     * Stops trusting a partner's public key at once. Refused when it is the partner's last valid key of its use (sig or
     * enc) not already on its way out, while the partner is active: register the new key first, or deactivate the partner.
     */
    public void retireKey(String actor, String id, String kid, String reason, String client) {
        requireReason(reason);
        tx.executeWithoutResult(s -> {
            Partner p = locked(id);
            Instant now = clock.instant();
            record Key(String kid, String use, Instant until) {}
            List<Key> keys = jdbc.sql("select kid, use, valid_until from exchange_partner_key where partner_id = ?").param(id)
                    .query((rs, n) -> new Key(rs.getString(1), rs.getString(2), rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
                    .list();
            String k = kid == null ? "" : kid.strip();
            Key key = keys.stream().filter(x -> x.kid().equals(k)).findFirst()
                    .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "kid", "no key " + k + " registered for " + id));
            if (key.until() != null && !key.until().isAfter(now)) throw new Refused(HttpStatus.CONFLICT, "kid", "key " + k + " is retired already");
            boolean another = keys.stream().anyMatch(x -> !x.kid().equals(k) && x.use().equals(key.use()) && x.until() == null);
            if (p.active() && !another) {
                String what = key.use().equals("sig") ? "signing" : "encryption";
                throw new Refused(HttpStatus.CONFLICT, "kid", "key " + k + " is the last " + what + " key of " + id + ": "
                        + (key.use().equals("sig") ? "nothing it sends could be verified" : "nothing could be encrypted to it")
                        + ". Register its new key first (a second officer approves it), or deactivate the partner");
            }
            registry.retireKey(id, k, now);
            altered(actor, id, "key " + k + " (" + key.use() + ") retired", reason, client);
        });
    }

    /** The partner, its row locked for the transaction (two officers retiring its last two keys at once cannot both succeed). */
    private Partner locked(String id) {
        jdbc.sql("select id from exchange_partner where id = ? for update").param(id).query(String.class).optional()
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "id", "no partner " + id));
        return existing(id);
    }

    // ---------------------------------------------------------------- originators' forwarding permissions

    /** Recorded permissions, newest first. */
    public List<PermissionView> permissions() {
        return jdbc.sql("""
                select id, originator_id, recipient_id, entity_id, reference, recorded_by, approved_by, recorded_at
                from exchange_forward_permission order by id desc""")
                .query((rs, n) -> new PermissionView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant())).list();
    }

    /** Permission requests waiting for a second officer. */
    public List<Change> pendingPermissions() {
        return jdbc.sql(SELECT + " where status = 'PENDING' and kind = 'PERMISSION' order by requested_at").query(PartnerAdmin::change).list();
    }

    /**
     * Asks for an originator's permission to be recorded: its material ({@code entity}, or all of it when blank) may then
     * go to {@code recipient}. That widens where the originator's material may go, so a second liaison officer approves
     * (as for the registry's other widening changes); the originator's reference is the reason.
     */
    public Change requestPermission(String actor, String originator, String recipient, String entity, String reference, String client) {
        String ref = reference == null ? "" : reference.strip();
        if (ref.isEmpty()) throw new Refused(HttpStatus.BAD_REQUEST, "reference", "a permission needs the originator's reference (its message or letter)");
        if (ref.length() > 500) throw new Refused(HttpStatus.BAD_REQUEST, "reference", "the reference is longer than 500 characters");
        String from = originator == null ? "" : originator.strip();
        String to = recipient == null ? "" : recipient.strip();
        if (registry.find(from).isEmpty()) throw new Refused(HttpStatus.BAD_REQUEST, "originator", "unknown partner '" + from + "'");
        if (registry.find(to).isEmpty()) throw new Refused(HttpStatus.BAD_REQUEST, "recipient", "unknown partner '" + to + "'");
        if (from.equals(to)) throw new Refused(HttpStatus.BAD_REQUEST, "recipient", "originator and recipient must be two different partners");
        String e = entity == null || entity.isBlank() ? null : entity.strip();
        if (e != null && e.length() > 300) throw new Refused(HttpStatus.BAD_REQUEST, "entity", "the entity id is longer than 300 characters");
        Optional<Long> held = permissionHeld(from, to, e);
        if (held.isPresent()) throw new Refused(HttpStatus.CONFLICT, null, "permission " + held.get() + " covers this already");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("recipient", to);
        payload.put("entity", e);
        payload.put("reference", ref);
        return request(actor, from, "PERMISSION", payload, "forwarding permission: " + (e == null ? "all material of " + from : from + "'s " + e)
                + " may go to " + to + " (their reference: " + ref + ")", ref, client);
    }

    /** Withdraws a recorded permission at once (it narrows, so one officer), with a reason; audited. */
    public PermissionView withdrawPermission(String actor, long id, String reason, String client) {
        requireReason(reason);
        PermissionView p = permissions().stream().filter(x -> x.id() == id).findFirst()
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, null, "no forwarding permission " + id));
        tx.executeWithoutResult(s -> {
            lockPair(p.originator(), p.recipient());
            int n = jdbc.sql("""
                    insert into exchange_forward_permission_withdrawal (id, originator_id, recipient_id, entity_id, reference, recorded_by, recorded_at,
                        approved_by, withdrawn_by, withdrawn_at, reason)
                    select id, originator_id, recipient_id, entity_id, reference, recorded_by, recorded_at, approved_by, ?, ?, ?
                    from exchange_forward_permission where id = ?""").params(actor, Timestamp.from(clock.instant()), reason.strip(), id).update();
            if (n == 0) throw new Refused(HttpStatus.CONFLICT, null, "forwarding permission " + id + " was withdrawn meanwhile");
            jdbc.sql("delete from exchange_forward_permission where id = ?").param(id).update();
            audit.record(new AuditEvent(actor, AuditAction.ALTERATION, "exchange forwarding permission " + id + " of " + p.originator()
                    + (p.entity() == null ? " (all its material)" : " for " + p.entity()) + " withdrawn (their reference: " + p.reference() + ")",
                    reason.strip(), p.recipient(), AuditOutcome.SUCCESS, client));
        });
        return p;
    }

    /** A recorded permission that already lets {@code entity} (or all material, when null) of the originator go to the recipient. */
    private Optional<Long> permissionHeld(String originator, String recipient, String entity) {
        // With entity null, "entity_id = null" is never true: only a permission for all its material holds it.
        return jdbc.sql("""
                select id from exchange_forward_permission where originator_id = ? and recipient_id = ? and (entity_id is null or entity_id = ?)
                order by entity_id nulls first limit 1""").params(originator, recipient, entity).query(Long.class).optional();
    }

    /**
     * Why a permission request can no longer be approved: it is older than {@code permissionMaxAge} (the originator's
     * word may have changed; ask again), or a permission between the same two partners was withdrawn after it was
     * asked (approving would undo that narrowing).
     */
    private Optional<String> staleness(Change c, Map<?, ?> payload) {
        Instant now = clock.instant();
        if (c.requestedAt().plus(permissionMaxAge).isBefore(now)) {
            return Optional.of("asked on " + c.requestedAt() + ", longer ago than " + permissionMaxAge.toDays() + " day(s) ("
                    + "besa.exchange.permission-request-max-age); ask again with the originator's current word");
        }
        return jdbc.sql("""
                select withdrawn_at from exchange_forward_permission_withdrawal where originator_id = ? and recipient_id = ? and withdrawn_at > ?
                order by withdrawn_at desc limit 1""").params(c.partner(), String.valueOf(payload.get("recipient")), Timestamp.from(c.requestedAt()))
                .query(Timestamp.class).optional()
                .map(t -> "a permission of " + c.partner() + " for " + payload.get("recipient") + " was withdrawn on " + t.toInstant()
                        + ", after this was asked; approving would undo that narrowing. Ask again if it still holds");
    }

    /** Widening changes waiting for a second officer (all partners). */
    public List<Change> pending() {
        return jdbc.sql(SELECT + " where status = 'PENDING' order by requested_at").query(PartnerAdmin::change).list();
    }

    /** Changes of one partner: the pending ones, or all (newest first). */
    public List<Change> changes(String partner, boolean pendingOnly) {
        return jdbc.sql(SELECT + " where partner_id = ?" + (pendingOnly ? " and status = 'PENDING'" : "") + " order by requested_at desc limit 100")
                .param(partner).query(PartnerAdmin::change).list();
    }

    /**
     * A second liaison officer approves: the change applies now. A forwarding permission is checked for staleness inside
     * the approving transaction, under the lock of its originator/recipient pair that a withdrawal takes too: a withdrawal
     * that commits first makes the request stale; one that comes later waits, and then withdraws what is recorded.
     */
    public Change approve(String actor, UUID changeId, String note, String client) {
        Change c = decidable(actor, changeId, client);
        Map<?, ?> payload = payload(changeId);
        boolean permission = "PERMISSION".equals(c.kind());
        Optional<String> stale = tx.execute(s -> {
            if (permission) lockPair(c.partner(), String.valueOf(payload.get("recipient")));
            Optional<String> why = permission ? staleness(c, payload) : Optional.empty();
            if (why.isPresent()) { // stale for good: closed (so it can be asked again) with the attempt's audit event, fail closed
                jdbc.sql("""
                        update exchange_partner_change set status = 'REJECTED', decided_by = ?, decided_at = ?, decision = ?
                        where id = ? and status = 'PENDING'""").params(actor, Timestamp.from(clock.instant()), "stale: " + why.get(), changeId).update();
                audit.record(new AuditEvent(actor, AuditAction.DECISION, "exchange partner " + c.partner() + ": " + c.summary()
                        + " not approved (asked by " + c.requestedBy() + ")", "stale: " + why.get(), recipient(c, payload), AuditOutcome.DENIED, client));
                return why;
            }
            int n = jdbc.sql("""
                    update exchange_partner_change set status = 'APPLIED', decided_by = ?, decided_at = ?, decision = ?
                    where id = ? and status = 'PENDING'""").params(actor, Timestamp.from(clock.instant()), note == null ? "" : note.strip(), changeId).update();
            if (n == 0) throw new Refused(HttpStatus.CONFLICT, null, "change " + changeId + " was decided meanwhile");
            try {
                apply(c, payload, actor);
            } catch (IllegalArgumentException e) { // e.g. the certificate was registered for another partner since: nothing applies
                throw new Refused(HttpStatus.CONFLICT, null, "change " + changeId + " cannot apply now: " + e.getMessage());
            }
            audit.record(new AuditEvent(actor, AuditAction.ALTERATION, "exchange partner " + c.partner() + ": " + c.summary() + " (asked by "
                    + c.requestedBy() + ", approved by " + actor + ")", c.reason(), recipient(c, payload), AuditOutcome.SUCCESS, client));
            return Optional.<String>empty();
        });
        if (stale.isPresent()) throw new Refused(HttpStatus.CONFLICT, null, "change " + changeId + " went stale and is closed: " + stale.get());
        return change(changeId).orElseThrow();
    }

    /**
     * Serialises approvals and withdrawals of forwarding permissions between one originator and one recipient, until the
     * transaction ends (so an approval cannot check for withdrawals, miss one committing meanwhile, and record again what it
     * withdrew).
     */
    private void lockPair(String originator, String recipient) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('besa.exchange_forward_permission'), hashtext(? || '>' || ?))")
                .params(originator, recipient).query((rs, n) -> 0).list();
    }

    private Map<?, ?> payload(UUID changeId) {
        return JSON.readValue(jdbc.sql("select payload::text from exchange_partner_change where id = ?").param(changeId).query(String.class).single(),
                Map.class);
    }

    /** Whom a change is about in the audit trail: the partner, or for a forwarding permission the partner it lets material go to. */
    private static String recipient(Change c, Map<?, ?> payload) {
        return "PERMISSION".equals(c.kind()) ? String.valueOf(payload.get("recipient")) : c.partner();
    }

    /** A second liaison officer rejects, with a reason: nothing changes. */
    public Change reject(String actor, UUID changeId, String reason, String client) {
        if (reason == null || reason.isBlank()) throw new Refused(HttpStatus.BAD_REQUEST, "reason", "a rejection needs a reason");
        Change c = decidable(actor, changeId, client);
        int n = jdbc.sql("""
                update exchange_partner_change set status = 'REJECTED', decided_by = ?, decided_at = ?, decision = ?
                where id = ? and status = 'PENDING'""").params(actor, Timestamp.from(clock.instant()), reason.strip(), changeId).update();
        if (n == 0) throw new Refused(HttpStatus.CONFLICT, null, "change " + changeId + " was decided meanwhile");
        audit.record(new AuditEvent(actor, AuditAction.DECISION, "exchange partner " + c.partner() + ": " + c.summary() + " rejected (asked by "
                + c.requestedBy() + ")", reason.strip(), recipient(c, payload(changeId)), AuditOutcome.DENIED, client));
        return change(changeId).orElseThrow();
    }

    public Optional<Change> change(UUID id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(PartnerAdmin::change).optional();
    }

    private Change decidable(String actor, UUID id, String client) {
        Change c = change(id).orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, null, "no partner change " + id));
        if (!"PENDING".equals(c.status())) throw new Refused(HttpStatus.CONFLICT, null, "change " + id + " is " + c.status() + ", not waiting");
        if (c.requestedBy().equals(actor)) {
            audit.record(new AuditEvent(actor, AuditAction.DECISION, "exchange partner " + c.partner() + ": own change " + id, "two-person rule",
                    c.partner(), AuditOutcome.DENIED, client));
            throw new Refused(HttpStatus.FORBIDDEN, null, "a second liaison officer must decide; you asked for change " + id);
        }
        return c;
    }

    private void apply(Change c, Map<?, ?> p, String approver) {
        switch (c.kind()) {
            case "ACTIVATE" -> {
                Partner old = existing(c.partner());
                if (old.active()) throw new Refused(HttpStatus.CONFLICT, null, "partner " + c.partner() + " is active already");
                registry.save(new Partner(old.id(), old.agency(), old.country(), old.baseUrl(), old.contact(), true));
            }
            case "AGREEMENT" -> {
                if (!p.containsKey("base")) {
                    throw new Refused(HttpStatus.CONFLICT, null, "change " + c.id() + " does not say which agreement it starts from; reject it and ask again");
                }
                Object now = registry.agreement(c.partner()).map(PartnerAdmin::terms).orElse(null);
                if (!java.util.Objects.equals(now, p.get("base"))) {
                    throw new Refused(HttpStatus.CONFLICT, null, "the agreement with " + c.partner() + " changed since change " + c.id()
                            + " was asked for; reject it and ask again from the agreement now in force");
                }
                List<String> cats = ((List<?>) p.get("categories")).stream().map(String::valueOf).toList();
                registry.saveAgreement(agreement(c.partner(), new AgreementForm(cats, String.valueOf(p.get("legalBasis")),
                        String.valueOf(p.get("maxHandling")), (Boolean) p.get("onwardTransfer"))));
            }
            case "CERTIFICATE" -> registry.addCertificate(c.partner(), Certificates.fromPem(String.valueOf(p.get("pem"))));
            case "KEYS" -> keys(String.valueOf(p.get("jwks"))).forEach(k -> registry.addKey(c.partner(), k));
            case "PERMISSION" -> {
                String recipient = String.valueOf(p.get("recipient"));
                String entity = p.get("entity") == null ? null : String.valueOf(p.get("entity"));
                Optional<Long> held = permissionHeld(c.partner(), recipient, entity);
                if (held.isPresent()) throw new Refused(HttpStatus.CONFLICT, null, "permission " + held.get() + " covers this already");
                jdbc.sql("""
                        insert into exchange_forward_permission (originator_id, recipient_id, entity_id, reference, recorded_by, approved_by, change_id)
                        values (?, ?, ?, ?, ?, ?, ?)""").params(c.partner(), recipient, entity, String.valueOf(p.get("reference")), c.requestedBy(),
                        approver, c.id()).update();
            }
            default -> throw new IllegalStateException("unknown change kind " + c.kind());
        }
    }

    private Change request(String actor, String partner, String kind, Map<String, ?> payload, String summary, String reason, String client) {
        UUID id = UUID.randomUUID();
        try {
            tx.executeWithoutResult(s -> insertRequest(id, actor, partner, kind, payload, summary, reason, client));
        } catch (org.springframework.dao.DuplicateKeyException e) { // a concurrent request of the same kind won
            throw new Refused(HttpStatus.CONFLICT, null, "a change of " + partner + " (" + kind + ") is waiting already");
        }
        return change(id).orElseThrow();
    }

    private void insertRequest(UUID id, String actor, String partner, String kind, Map<String, ?> payload, String summary, String reason, String client) {
        // One waiting change per partner and kind (also a unique index), so approvals cannot pile up or undo each other;
        // for forwarding permissions one per originator, recipient and entity.
        Optional<UUID> waiting = "PERMISSION".equals(kind)
                ? jdbc.sql("""
                        select id from exchange_partner_change where partner_id = ? and kind = 'PERMISSION' and status = 'PENDING'
                          and payload ->> 'recipient' = ? and coalesce(payload ->> 'entity', '') = ? limit 1""")
                        .params(partner, payload.get("recipient"), payload.get("entity") == null ? "" : payload.get("entity")).query(UUID.class).optional()
                : jdbc.sql("select id from exchange_partner_change where partner_id = ? and kind = ? and status = 'PENDING' limit 1")
                        .params(partner, kind).query(UUID.class).optional();
        if (waiting.isPresent()) {
            throw new Refused(HttpStatus.CONFLICT, null, "change " + waiting.get() + " of " + partner + " (" + kind
                    + ") is waiting already: a second officer approves or rejects it first");
        }
        jdbc.sql("""
                insert into exchange_partner_change (id, partner_id, kind, payload, summary, reason, status, requested_by, requested_at)
                values (?, ?, ?, ?::jsonb, ?, ?, 'PENDING', ?, ?)""")
                .params(id, partner, kind, JSON.writeValueAsString(payload), summary, reason.strip(), actor, Timestamp.from(clock.instant())).update();
        String recipient = "PERMISSION".equals(kind) ? String.valueOf(payload.get("recipient")) : partner;
        audit.record(new AuditEvent(actor, AuditAction.ALTERATION, "exchange partner " + partner + ": " + summary
                + " requested (needs a second liaison officer)", reason.strip(), recipient, AuditOutcome.SUCCESS, client));
    }

    private void altered(String actor, String partner, String what, String reason, String client) {
        audit.record(new AuditEvent(actor, AuditAction.ALTERATION, "exchange partner " + partner + ": " + what, reason.strip(), partner,
                AuditOutcome.SUCCESS, client));
    }

    /** Whether {@code next} lets more cross than {@code old}: a category more, a higher handling code, onward transfer allowed. */
    static boolean widens(Agreement old, Agreement next) {
        return !old.categories().containsAll(next.categories()) || next.maxHandling().level() > old.maxHandling().level()
                || (next.onwardTransfer() && !old.onwardTransfer());
    }

    static String describe(Agreement a) {
        return a.categories().stream().map(Enum::name).sorted().toList() + ", up to " + a.maxHandling() + ", onward transfer "
                + (a.onwardTransfer() ? "allowed" : "not allowed") + ", " + a.legalBasis();
    }

    private Partner existing(String id) {
        return registry.find(id).orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "id", "no partner " + id));
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) throw new Refused(HttpStatus.BAD_REQUEST, "reason", "say why (the reason goes into the audit trail)");
        if (reason.length() > 2000) throw new Refused(HttpStatus.BAD_REQUEST, "reason", "the reason is longer than 2000 characters");
    }

    /** The partner a form describes, each field checked and named when wrong. */
    static Partner partner(PartnerForm f, boolean active) {
        String id = f.id() == null ? "" : f.id().strip();
        if (!id.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
            throw new Refused(HttpStatus.BAD_REQUEST, "id", "the partner id is its node id: lower-case letters, digits, '.', '_' or '-', at most 63");
        }
        String agency = f.agency() == null ? "" : f.agency().strip();
        if (agency.isEmpty() || agency.length() > 200) throw new Refused(HttpStatus.BAD_REQUEST, "agency", "the agency's name is required (at most 200 characters)");
        String country = f.country() == null ? "" : f.country().strip().toUpperCase(Locale.ROOT);
        if (!country.matches("[A-Z]{2}")) throw new Refused(HttpStatus.BAD_REQUEST, "country", "the country is a two-letter ISO 3166 code, e.g. TR");
        String url = url(f.url());
        String contact = f.contact() == null ? "" : f.contact().strip();
        if (contact.length() > 1000) throw new Refused(HttpStatus.BAD_REQUEST, "contact", "contact points are at most 1000 characters");
        if (contact.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r')) {
            throw new Refused(HttpStatus.BAD_REQUEST, "contact", "contact points cannot hold control characters");
        }
        return new Partner(id, agency, country, url, contact, active);
    }

    /** The node URL: https, a host, an optional port, nothing else (messages go to {@code <url>/exchange/v1/messages}). */
    static String url(String raw) {
        String v = raw == null ? "" : raw.strip();
        URI u;
        try {
            u = new URI(v);
        } catch (URISyntaxException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, "url", "not a URL: " + e.getReason());
        }
        if (!"https".equals(u.getScheme())) throw new Refused(HttpStatus.BAD_REQUEST, "url", "the node URL must start with https:// (mutual TLS)");
        if (u.getHost() == null || u.getHost().isBlank()) throw new Refused(HttpStatus.BAD_REQUEST, "url", "the node URL needs a host, e.g. https://exchange.tnp.example:8443");
        if (u.getRawUserInfo() != null || u.getRawQuery() != null || u.getRawFragment() != null || !(u.getRawPath() == null
                || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))) {
            throw new Refused(HttpStatus.BAD_REQUEST, "url", "the node URL is https://host[:port] only: no user, path, query or fragment");
        }
        return "https://" + u.getRawAuthority();
    }

    private static Agreement agreement(String partner, AgreementForm f) {
        if (f.categories() == null || f.categories().isEmpty()) {
            throw new Refused(HttpStatus.BAD_REQUEST, "categories", "choose at least one category: " + List.of(Category.values()));
        }
        Set<Category> cats = EnumSet.noneOf(Category.class);
        for (String c : f.categories()) {
            try {
                cats.add(Category.valueOf(c.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new Refused(HttpStatus.BAD_REQUEST, "categories", "unknown category '" + c + "': one of " + List.of(Category.values()));
            }
        }
        if (f.legalBasis() == null || f.legalBasis().isBlank()) throw new Refused(HttpStatus.BAD_REQUEST, "legalBasis", "the legal basis is required");
        HandlingCode max;
        try {
            max = HandlingCode.valueOf(f.maxHandling() == null ? "" : f.maxHandling().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, "maxHandling", "the maximum handling code is H0, H1, H2 or H3");
        }
        if (f.onwardTransfer() == null) throw new Refused(HttpStatus.BAD_REQUEST, "onwardTransfer", "say whether onward transfer is allowed (true or false)");
        return new Agreement(partner, cats, f.legalBasis().strip(), max, f.onwardTransfer());
    }

    private X509Certificate certificate(String pem) {
        X509Certificate c;
        try {
            c = Certificates.fromPem(pem == null ? "" : pem);
        } catch (IllegalArgumentException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, "pem", "not a PEM X.509 certificate (-----BEGIN CERTIFICATE----- …): " + e.getMessage());
        }
        Instant now = clock.instant();
        if (!c.getNotAfter().toInstant().isAfter(now)) throw new Refused(HttpStatus.BAD_REQUEST, "pem", "the certificate expired on " + c.getNotAfter().toInstant());
        return c;
    }

    /** Public EC P-256 keys with a kid and a use, from a JWK set or one JWK; each problem names the key. */
    static List<JWK> keys(String json) {
        String v = json == null ? "" : json.strip();
        List<JWK> keys;
        try {
            keys = v.contains("\"keys\"") ? JWKSet.parse(v).getKeys() : List.of(JWK.parse(v));
        } catch (java.text.ParseException | RuntimeException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, "jwks", "not a JWK set ({\"keys\": [...]}) or a JWK: " + e.getMessage());
        }
        if (keys.isEmpty()) throw new Refused(HttpStatus.BAD_REQUEST, "jwks", "the JWK set holds no key");
        for (int i = 0; i < keys.size(); i++) {
            JWK k = keys.get(i);
            String which = "key " + (i + 1) + (k.getKeyID() == null ? "" : " (" + k.getKeyID() + ")");
            if (!(k instanceof ECKey ec) || !"P-256".equals(ec.getCurve().getName())) throw new Refused(HttpStatus.BAD_REQUEST, "jwks", which + ": must be an EC P-256 key");
            if (k.isPrivate()) throw new Refused(HttpStatus.BAD_REQUEST, "jwks", which + ": holds a private part; send only the public key");
            if (k.getKeyID() == null || k.getKeyID().isBlank()) throw new Refused(HttpStatus.BAD_REQUEST, "jwks", which + ": needs a kid");
            if (k.getKeyUse() == null) throw new Refused(HttpStatus.BAD_REQUEST, "jwks", which + ": needs a use, sig or enc");
        }
        return keys;
    }

    private static String differences(Partner a, Partner b) {
        List<String> d = new ArrayList<>();
        if (!a.agency().equals(b.agency())) d.add("agency " + a.agency() + " -> " + b.agency());
        if (!a.country().equals(b.country())) d.add("country " + a.country() + " -> " + b.country());
        if (!a.baseUrl().equals(b.baseUrl())) d.add("URL " + a.baseUrl() + " -> " + b.baseUrl());
        if (!a.contact().equals(b.contact())) d.add("contact points");
        return d.isEmpty() ? "nothing" : String.join(", ", d);
    }

    private static final String SELECT = """
            select id, partner_id, kind, summary, reason, status, requested_by, requested_at, decided_by, decided_at, decision
            from exchange_partner_change""";

    private static Change change(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Change(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getTimestamp(8).toInstant(), rs.getString(9),
                rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant(), rs.getString(11));
    }
}
