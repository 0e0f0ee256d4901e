package besa.exchange.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a message carries: a free-text note, entities as statements with provenance, and attachments
 * (described here; their encrypted content travels separately, see docs/exchange.md "Attachments").
 * No attachments: the field is left out, so such envelopes are the same as before attachments existed.
 */
public record Payload(String note, List<SharedEntity> entities,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SharedAttachment> attachments) {
    public Payload {
        note = note == null ? "" : note;
        entities = entities == null ? List.of() : List.copyOf(entities);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public Payload(String note, List<SharedEntity> entities) {
        this(note, entities, List.of());
    }

    /** The same payload with the attachments' keys left out (for pages, the API and previews). */
    public Payload withoutKeys() {
        return new Payload(note, entities, attachments.stream().map(SharedAttachment::withoutKey).toList());
    }
}
