package besa.exchange;

import besa.exchange.envelope.MessageKind;
import besa.exchange.envelope.Payload;
import besa.exchange.envelope.Priority;
import java.time.Instant;
import java.util.UUID;

/**
 * A message to send: to which partner, what kind, in which thread (null starts one), how urgent,
 * the reply deadline (null: from the priority for requests and hit queries, none otherwise), and
 * the payload.
 */
public record Outgoing(String partnerId, MessageKind kind, UUID thread, Priority priority, Instant replyBy, Payload payload) {
    public Outgoing {
        if (partnerId == null || kind == null || priority == null || payload == null) {
            throw new IllegalArgumentException("an outgoing message needs a partner, kind, priority and payload");
        }
    }
}
