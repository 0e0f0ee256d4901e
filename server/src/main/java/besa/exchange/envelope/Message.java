package besa.exchange.envelope;

import java.time.Instant;
import java.util.UUID;

/**
 * A message between two nodes, as signed by its sender. {@code nonce} and {@code id} are never
 * reused; {@code validUntil} bounds how long a copy may still be delivered (and how long the
 * receiver remembers the nonce); {@code onwardTransfer} is the sender's agreement flag, carried so
 * the receiver knows whether it may pass the material on.
 */
public record Message(UUID id, String from, String to, MessageKind kind, UUID thread, Priority priority, Instant replyBy,
                      Instant createdAt, Instant validUntil, String nonce, String legalBasis, boolean onwardTransfer, Payload payload) {
    public Message {
        if (id == null || from == null || to == null || kind == null || thread == null || priority == null
                || createdAt == null || validUntil == null || nonce == null || payload == null) {
            throw new IllegalArgumentException("a message needs id, from, to, kind, thread, priority, createdAt, validUntil, nonce and payload");
        }
        if (!validUntil.isAfter(createdAt)) throw new IllegalArgumentException("message " + id + ": validUntil must be after createdAt");
        legalBasis = legalBasis == null ? "" : legalBasis;
    }
}
