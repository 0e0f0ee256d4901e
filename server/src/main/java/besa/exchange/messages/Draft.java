package besa.exchange.messages;

import besa.exchange.envelope.Payload;
import java.time.Instant;
import java.util.UUID;

/** A composed message: sent at once, or waiting for a second liaison officer's approval. */
public record Draft(UUID id, String partner, String kind, UUID thread, String priority, Payload payload, String needs, String status,
                    String composedBy, Instant composedAt, String decidedBy, Instant decidedAt, String reason, UUID messageId) {}
