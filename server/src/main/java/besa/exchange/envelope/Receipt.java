package besa.exchange.envelope;

import java.time.Instant;
import java.util.UUID;

/**
 * What a receiver signs for a delivered message: the message id, the SHA-256 (base64url) of the
 * exact JWE it received, when, from whom and by which node. Proof of what was received.
 */
public record Receipt(UUID messageId, String jweSha256, Instant receivedAt, String from, String by) {}
