package besa.exchange.messages;

import besa.exchange.envelope.MessageKind;
import besa.exchange.envelope.Priority;
import java.util.List;
import java.util.UUID;

/**
 * What a liaison officer asks to send: partner, kind, thread (null starts one), priority, a note,
 * the ids of entities in the store, and the ids of files he uploaded ({@code attachments}, see
 * {@code POST /api/exchange/attachments}). The server builds the statements from the store.
 * {@code previewDigest} (optional): the {@link Preview#digest()} the officer saw; if what would leave
 * now differs (the store changed), the send is refused instead of sending something else.
 */
public record Compose(String partner, MessageKind kind, UUID thread, Priority priority, String note, List<String> entities,
                      String previewDigest, List<UUID> attachments) {
    public Compose(String partner, MessageKind kind, UUID thread, Priority priority, String note, List<String> entities) {
        this(partner, kind, thread, priority, note, entities, null, null);
    }

    public Compose(String partner, MessageKind kind, UUID thread, Priority priority, String note, List<String> entities, String previewDigest) {
        this(partner, kind, thread, priority, note, entities, previewDigest, null);
    }

    public Compose {
        note = note == null ? "" : note;
        entities = entities == null ? List.of() : entities.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        attachments = attachments == null ? List.of() : attachments.stream().filter(java.util.Objects::nonNull).distinct().toList();
    }
}
