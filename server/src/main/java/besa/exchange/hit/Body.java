package besa.exchange.hit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The structured content of hit and cross-match messages, carried as JSON in the payload's note
 * (the envelope is signed and encrypted as a whole; entities travel only in an approved release).
 */
final class Body {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Body() {}

    static String write(Map<String, ?> fields) {
        // "type" first, so the inbox can be filtered by a prefix of the note (see Hits.pending).
        Map<String, Object> ordered = new LinkedHashMap<>();
        if (fields.containsKey("type")) ordered.put("type", fields.get("type"));
        ordered.putAll(fields);
        return JSON.writeValueAsString(ordered);
    }

    /** The body of a stored message (the inbox's JSON), if its note is one of ours of {@code type}. */
    static Optional<Map<?, ?>> of(String messageJson, String type) {
        try {
            Map<?, ?> m = JSON.readValue(messageJson, Map.class);
            Object payload = m.get("payload");
            if (!(payload instanceof Map<?, ?> p) || !(p.get("note") instanceof String note) || !note.startsWith("{")) return Optional.empty();
            Map<?, ?> body = JSON.readValue(note, Map.class);
            return type.equals(body.get("type")) ? Optional.of(body) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static besa.exchange.envelope.Message message(String json) {
        return JSON.readValue(json, besa.exchange.envelope.Message.class);
    }

    /** A LIKE pattern matching the note of a body of {@code type}. */
    static String prefix(String type) {
        return "{\"type\":\"" + type + "\"%";
    }

    static Map<?, ?> parse(String json) {
        return JSON.readValue(json, Map.class);
    }
}
