package besa.exchange.messages;

import besa.exchange.envelope.Payload;
import java.util.List;

/**
 * Exactly what would leave ({@code payload}: every entity with every statement and its codes, every
 * file with its name, size and SHA-256), what
 * stays behind and why ({@code withheld}), and why a second officer must approve ({@code approval},
 * empty when none is needed).
 */
public record Preview(String partner, String legalBasis, String maxHandling, Payload payload, List<Withheld> withheld, List<String> approval) {
    /** One entity, statement or attachment that will not leave: entity (or attachment) id, property (null: the whole entity; for a file its name in {@code value}) and the reason. */
    public record Withheld(String entity, String prop, String value, String handling, String reason) {}

    /** Something leaves: entities, or a note when no entity was asked for (see Messages.compose). */
    /** SHA-256 (hex) of what would leave and to whom: the composer can insist that exactly this is sent. */
    @com.fasterxml.jackson.annotation.JsonProperty("digest")
    public String digest() {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(
                    (partner + "\n" + Messages.JSON.writeValueAsString(payload)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean sendable() {
        return !payload.entities().isEmpty() || (withheld.isEmpty() && (!payload.note().isBlank() || !payload.attachments().isEmpty()));
    }
}
