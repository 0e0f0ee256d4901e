package besa.exchange.envelope;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A message between two nodes, as signed by its sender. {@code nonce} and {@code id} are never
 * reused; {@code validUntil} bounds how long a copy may still be delivered (and how long the
 * receiver remembers the nonce); {@code onwardTransfer} is the sender's agreement flag, carried so
 * the receiver knows whether it may pass the material on. Times are kept to the millisecond and
 * written with three fraction digits ({@link MessageTime}), so a message's length never depends on
 * the clock.
 */
public record Message(UUID id, String from, String to, MessageKind kind, UUID thread, Priority priority,
                      @JsonSerialize(using = MessageTime.class) Instant replyBy,
                      @JsonSerialize(using = MessageTime.class) Instant createdAt,
                      @JsonSerialize(using = MessageTime.class) Instant validUntil, String nonce, String legalBasis, boolean onwardTransfer, Payload payload) {
    public Message {
        if (id == null || from == null || to == null || kind == null || thread == null || priority == null
                || createdAt == null || validUntil == null || nonce == null || payload == null) {
            throw new IllegalArgumentException("a message needs id, from, to, kind, thread, priority, createdAt, validUntil, nonce and payload");
        }
        replyBy = MessageTime.truncate(replyBy);
        createdAt = MessageTime.truncate(createdAt);
        validUntil = MessageTime.truncate(validUntil);
        if (!validUntil.isAfter(createdAt)) throw new IllegalArgumentException("message " + id + ": validUntil must be after createdAt");
        legalBasis = legalBasis == null ? "" : legalBasis;
    }

    /**
     * The same message without its attachments' keys: what this node keeps in the outbox and inbox
     * (the keys are sealed in the attachment rows instead; docs/exchange.md, "Attachments").
     */
    public Message withoutAttachmentKeys() {
        if (payload.attachments().stream().allMatch(a -> a.key() == null)) return this;
        return new Message(id, from, to, kind, thread, priority, replyBy, createdAt, validUntil, nonce, legalBasis, onwardTransfer,
                payload.withoutKeys());
    }
}
