package besa.exchange.transport;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.exchange.attachment.Attachments;
import besa.exchange.attachment.FileNames;
import besa.exchange.envelope.Contents;
import besa.exchange.envelope.Envelopes;
import besa.exchange.envelope.Message;
import besa.exchange.envelope.Receipt;
import besa.exchange.envelope.RejectedException;
import besa.exchange.envelope.Rejection;
import besa.exchange.envelope.SharedAttachment;
import besa.exchange.node.NodeIdentity;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.PartnerRegistry;
import besa.exchange.partner.Sharing;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The receiving side: opens a delivered message, applies our agreement with the sender, and stores
 * it once. Idempotent by message id: the exact same bytes again get the receipt signed the first
 * time and store nothing; a different envelope reusing a seen id or nonce is a replay and refused.
 * The inbox row, the nonce and the receipt commit together; the audit event is written (durably,
 * fail closed) before that commit, so a stored message always has its COLLECTION event.
 */
public final class Inbox {
    /** What the endpoint answers. */
    public sealed interface Outcome {}

    public record Accepted(UUID messageId, String receipt) implements Outcome {}

    public record Duplicate(UUID messageId, String receipt) implements Outcome {}

    public record Refused(Rejection reason, String detail) implements Outcome {}

    private final NodeIdentity me;
    private final Envelopes envelopes;
    private final PartnerRegistry partners;
    private final Attachments attachments;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration skew;
    private final MeterRegistry meters;

    public Inbox(NodeIdentity me, Envelopes envelopes, PartnerRegistry partners, Attachments attachments, JdbcClient jdbc, TransactionTemplate tx,
                 AuditLog audit, Clock clock, Duration skew, MeterRegistry meters) {
        this.meters = meters;
        this.me = me;
        this.envelopes = envelopes;
        this.partners = partners;
        this.attachments = attachments;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.skew = skew;
    }

    /** Handles one delivery of {@code jwe} by the partner {@code sender} (as its TLS certificate says). */
    public Outcome accept(String sender, String jwe, String clientAddress) {
        String sha = Envelopes.sha256(jwe);
        Optional<Duplicate> dup = duplicate(sender, sha);
        if (dup.isPresent()) return dup.get(); // the same bytes again: same receipt, nothing new, before any time check
        Message opened = null;
        try {
            opened = envelopes.open(jwe, sender);
            Agreement a = partners.agreement(sender)
                    .orElseThrow(() -> new RejectedException(Rejection.NO_AGREEMENT, "no agreement with " + sender));
            Optional<String> v = Sharing.violation(a, opened.payload());
            if (v.isPresent()) throw new RejectedException(Rejection.NOT_ALLOWED, v.get());
            Optional<String> bad = Contents.problem(opened.payload());
            if (bad.isPresent()) throw new RejectedException(Rejection.INVALID_CONTENT, bad.get());
            checkAttachmentLimits(opened);
        } catch (RejectedException e) {
            return refuse(sender, opened == null ? null : opened.id(), e, clientAddress);
        }
        Message m = cleaned(opened);
        // Every attachment must be here, whole, with the ciphertext hash the signed message names: never a partial delivery.
        List<UUID> missing = attachments.missing(sender, m.payload().attachments());
        if (!missing.isEmpty()) {
            // Not audited: the normal answer to a message that overtook its files; the sender uploads them and retries.
            return new Refused(Rejection.MISSING_ATTACHMENT, "attachments not uploaded yet: " + missing);
        }
        for (SharedAttachment a : m.payload().attachments()) {
            Optional<String> bad = attachments.verify(sender, a);
            if (bad.isPresent()) return refuse(sender, m.id(), new RejectedException(Rejection.MALFORMED, bad.get()), clientAddress);
        }
        return tx.execute(status -> {
            try {
                return store(sender, jwe, sha, m, clientAddress);
            } catch (RejectedException e) { // audited where found
                status.setRollbackOnly();
                return new Refused(e.reason(), e.getMessage());
            }
        });
    }

    /**
     * The message with its files' names and media types cleaned as we clean our own uploads (no
     * control or bidi characters, no path, bounded length; {@code type/subtype} or octet-stream), so
     * pages, download headers and the audit trail only ever see the cleaned form: it is what is stored.
     */
    static Message cleaned(Message m) {
        List<SharedAttachment> files = m.payload().attachments();
        if (files.isEmpty()) return m;
        List<SharedAttachment> clean = files.stream().map(a -> new SharedAttachment(a.id(), FileNames.sanitise(a.name()),
                FileNames.mediaType(a.mediaType()), a.size(), a.sha256(), a.cipherSha256(), a.key())).toList();
        if (clean.equals(files)) return m;
        var p = m.payload();
        return new Message(m.id(), m.from(), m.to(), m.kind(), m.thread(), m.priority(), m.replyBy(), m.createdAt(), m.validUntil(), m.nonce(),
                m.legalBasis(), m.onwardTransfer(), new besa.exchange.envelope.Payload(p.note(), p.entities(), clean));
    }

    private void checkAttachmentLimits(Message m) throws RejectedException {
        List<SharedAttachment> list = m.payload().attachments();
        if (list.size() > attachments.maxCount()) {
            throw new RejectedException(Rejection.TOO_LARGE, list.size() + " attachments, more than " + attachments.maxCount());
        }
        for (SharedAttachment a : list) {
            if (a.size() > attachments.maxBytes()) {
                throw new RejectedException(Rejection.TOO_LARGE, "attachment " + a.id() + " of " + a.size() + " bytes, over " + attachments.maxBytes());
            }
            if (a.key() == null || !a.cipherSha256().matches("[0-9a-f]{64}")) {
                throw new RejectedException(Rejection.MALFORMED, "attachment " + a.id() + " without a key or a ciphertext hash");
            }
        }
    }

    private Outcome store(String sender, String jwe, String sha, Message m, String clientAddress) throws RejectedException {
        Instant now = clock.instant();
        String receipt = envelopes.signReceipt(new Receipt(m.id(), sha, now, sender, me.nodeId()));
        int inserted = jdbc.sql("""
                insert into exchange_inbox (message_id, partner_id, kind, thread_id, priority, reply_by, sent_at, received_at, message, jwe_sha256, receipt)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) on conflict (message_id) do nothing""")
                .params(m.id(), sender, m.kind().name(), m.thread(), m.priority().name(), ts(m.replyBy()), ts(m.createdAt()), ts(now),
                        Envelopes.toJson(m.withoutAttachmentKeys()), sha, receipt) // the keys are sealed into the files' rows (bindReceived)
                .update();
        if (inserted == 0) {
            // Stored already (perhaps by a concurrent copy that just committed): same bytes = duplicate, else replay.
            var row = jdbc.sql("select partner_id, jwe_sha256, receipt from exchange_inbox where message_id = ?").param(m.id())
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).single();
            if (row[0].equals(sender) && row[1].equals(sha)) return new Duplicate(m.id(), row[2]);
            throw rejectAudited(sender, m.id(), new RejectedException(Rejection.REPLAY, "message id " + m.id() + " already received with other content"), clientAddress);
        }
        int fresh = jdbc.sql("insert into exchange_nonce (partner_id, nonce, message_id, expires_at) values (?, ?, ?, ?) on conflict do nothing")
                .params(sender, m.nonce(), m.id(), ts(m.validUntil().plus(skew))).update();
        if (fresh == 0) {
            throw rejectAudited(sender, m.id(), new RejectedException(Rejection.REPLAY, "nonce already used by another message"), clientAddress);
        }
        attachments.bindReceived(sender, m.id(), m.payload().attachments());
        // Before the commit and fail closed: if the audit cannot be written the delivery fails and is retried.
        audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.COLLECTION,
                "exchange message " + m.id() + " (" + m.kind() + ", " + m.payload().entities().size() + " entities"
                        + (m.payload().attachments().isEmpty() ? "" : ", " + m.payload().attachments().size() + " attachments") + ") from " + sender,
                m.legalBasis(), me.nodeId(), AuditOutcome.SUCCESS, clientAddress));
        return new Accepted(m.id(), receipt);
    }

    /**
     * Forgets nonces whose messages can no longer be valid (an expired message is refused before its
     * nonce is looked at); message ids stay in the inbox for good. Returns how many went.
     */
    public int purgeExpiredNonces() {
        return jdbc.sql("delete from exchange_nonce where expires_at < ?").param(Timestamp.from(clock.instant())).update();
    }

    private Optional<Duplicate> duplicate(String sender, String sha) {
        return jdbc.sql("select message_id, receipt from exchange_inbox where jwe_sha256 = ? and partner_id = ?").params(sha, sender)
                .query((rs, n) -> new Duplicate(rs.getObject(1, UUID.class), rs.getString(2))).optional();
    }

    /** A partner may upload files only while we have an agreement with it; else the refusal (audited, 403, final). */
    Optional<Refused> refuseUpload(String sender, UUID id, String clientAddress) {
        if (partners.agreement(sender).isPresent()) return Optional.empty();
        return Optional.of(refuse(sender, null, new RejectedException(Rejection.NO_AGREEMENT, "attachment " + id + ": no agreement with " + sender),
                clientAddress));
    }

    /** Records a partner's stored upload: data received, though no message names it yet. */
    void uploaded(String sender, UUID id, long bytes, String clientAddress) {
        audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.COLLECTION, "exchange attachment upload " + id + " (" + bytes
                + " bytes, encrypted) from " + sender, "kept until a message names it, or purged", me.nodeId(), AuditOutcome.SUCCESS, clientAddress));
    }

    /** Audits a refusal found outside the transaction and returns it. */
    Refused refuse(String sender, UUID id, RejectedException e, String clientAddress) {
        record(sender, id, e, clientAddress);
        return new Refused(e.reason(), e.getMessage());
    }

    private RejectedException rejectAudited(String sender, UUID id, RejectedException e, String clientAddress) {
        record(sender, id, e, clientAddress);
        return e;
    }

    private void record(String sender, UUID id, RejectedException e, String clientAddress) {
        count(e.reason()); // every refusal passes here, so operations see each reason, then it is audited
        AuditAction action = e.reason().security() ? AuditAction.SECURITY_ALERT : AuditAction.COLLECTION;
        audit.record(new AuditEvent(AuditEvent.SYSTEM, action, "exchange message " + (id == null ? "?" : id) + " from " + sender,
                e.getMessage(), me.nodeId(), AuditOutcome.DENIED, clientAddress));
    }

    /** Counts a refusal by reason for operations: {@code besa_exchange_refused_total{reason=...}}. */
    void count(Rejection reason) {
        Counter.builder("besa.exchange.refused").tag("reason", reason.name())
                .description("partner messages, uploads and TLS clients refused, by reason").register(meters).increment();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
