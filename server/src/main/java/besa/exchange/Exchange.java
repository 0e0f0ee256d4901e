package besa.exchange;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.exchange.attachment.Attachments;
import besa.exchange.envelope.Contents;
import besa.exchange.envelope.Envelopes;
import besa.exchange.envelope.Message;
import besa.exchange.envelope.MessageKind;
import besa.exchange.envelope.Payload;
import besa.exchange.node.NodeIdentity;
import besa.exchange.partner.Agreement;
import besa.exchange.partner.Partner;
import besa.exchange.partner.PartnerRegistry;
import besa.exchange.partner.Sharing;
import besa.exchange.transport.Outbox;
import besa.exchange.transport.OutboxWorker;
import com.nimbusds.jose.jwk.ECKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sending: checks the message against the agreement (sharing narrows: anything the agreement
 * forbids is refused before anything is sealed, and the refusal is audited), seals it to the
 * partner, and queues it in the outbox together with its DISCLOSURE audit event. The outbox worker
 * delivers it.
 */
public final class Exchange {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NodeIdentity me;
    private final PartnerRegistry partners;
    private final Envelopes envelopes;
    private final Outbox outbox;
    private final OutboxWorker worker;
    private final Attachments attachments;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration validity;
    private final OnwardRules onward;

    public Exchange(NodeIdentity me, PartnerRegistry partners, Envelopes envelopes, Outbox outbox, OutboxWorker worker, Attachments attachments,
                    AuditLog audit, TransactionTemplate tx, Clock clock, Duration validity, OnwardRules onward) {
        this.onward = onward;
        this.me = me;
        this.partners = partners;
        this.envelopes = envelopes;
        this.outbox = outbox;
        this.worker = worker;
        this.attachments = attachments;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.validity = validity;
    }

    /** Queues {@code out} for delivery on behalf of {@code actor}; returns the message id. */
    public UUID send(String actor, Outgoing out) {
        Partner partner = partners.find(out.partnerId()).filter(Partner::active)
                .orElseThrow(() -> refuse(actor, out, "no active partner " + out.partnerId()));
        Agreement agreement = partners.agreement(partner.id()).orElseThrow(() -> refuse(actor, out, "no agreement with " + partner.id()));
        Optional<String> violation = Sharing.violation(agreement, out.payload());
        if (violation.isPresent()) throw refuse(actor, out, violation.get());
        Optional<String> invalid = Contents.problem(out.payload());
        if (invalid.isPresent()) throw refuse(actor, out, invalid.get());
        Optional<String> originators = onward.violation(partner.id(), out.payload());
        if (originators.isPresent()) throw refuse(actor, out, originators.get());
        // Sharing narrows at each hop: material that came without onward transfer leaves without it, whatever our agreement says.
        boolean onwardTransfer = agreement.onwardTransfer() && !onward.carriesNoOnwardMaterial(out.payload());
        // Every attachment must be here, unchanged and within the limits; its key goes into the sealed payload only.
        Optional<String> attachment = attachments.problem(out.payload());
        if (attachment.isPresent()) throw refuse(actor, out, attachment.get());
        Payload payload = attachments.withKeys(out.payload());
        ECKey key = partners.encryptionKey(partner.id()).orElseThrow(() -> refuse(actor, out, "no encryption key registered for " + partner.id()));
        Instant now = clock.instant();
        Instant replyBy = out.replyBy() != null ? out.replyBy()
                : out.kind() == MessageKind.REQUEST || out.kind() == MessageKind.HIT_QUERY ? now.plus(out.priority().replyWithin()) : null;
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        Message m = new Message(UUID.randomUUID(), me.nodeId(), partner.id(), out.kind(), out.thread() == null ? UUID.randomUUID() : out.thread(),
                out.priority(), replyBy, now, now.plus(validity), Base64.getUrlEncoder().withoutPadding().encodeToString(nonce),
                agreement.legalBasis(), onwardTransfer, payload);
        String jwe = envelopes.seal(m, key);
        tx.executeWithoutResult(s -> {
            outbox.enqueue(m.withoutAttachmentKeys(), partner.id(), jwe, actor); // the keys stay sealed in the files' rows
            attachments.bindMessage(m.id(), m.payload().attachments());
            // Fail closed and before the commit: no queued disclosure without its audit event.
            audit.record(new AuditEvent(actor, AuditAction.DISCLOSURE,
                    "exchange message " + m.id() + " (" + m.kind() + ", " + m.payload().entities().size() + " entities"
                            + attachmentsNote(m) + ")",
                    agreement.legalBasis(), partner.id(), AuditOutcome.SUCCESS, ""));
        });
        worker.wake();
        return m.id();
    }

    /** What the audit says about the files that leave: count, names, sizes and hashes. */
    private static String attachmentsNote(Message m) {
        if (m.payload().attachments().isEmpty()) return "";
        return ", " + m.payload().attachments().size() + " attachments: " + String.join("; ", m.payload().attachments().stream()
                .map(a -> a.id() + " '" + a.name() + "' " + a.size() + " bytes sha256 " + a.sha256()).toList());
    }

    private SharingRefusedException refuse(String actor, Outgoing out, String why) {
        audit.record(new AuditEvent(actor, AuditAction.DISCLOSURE, "exchange " + out.kind() + " to " + out.partnerId() + " refused",
                why, out.partnerId(), AuditOutcome.DENIED, ""));
        return new SharingRefusedException(why);
    }
}
