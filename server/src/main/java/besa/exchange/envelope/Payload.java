package besa.exchange.envelope;

import java.util.List;

/** What a message carries: a free-text note and entities as statements with provenance. */
public record Payload(String note, List<SharedEntity> entities) {
    public Payload {
        note = note == null ? "" : note;
        entities = entities == null ? List.of() : List.copyOf(entities);
    }
}
