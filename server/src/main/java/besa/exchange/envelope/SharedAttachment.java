package besa.exchange.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * A file that travels with a message, described inside the signed and encrypted payload: its id
 * (chosen by the sender; the ciphertext is uploaded under it before the message), sanitised name,
 * media type, plaintext size, SHA-256 (hex) of the plaintext and of the ciphertext, and the
 * AES-256 key (base64url) that decrypts it ({@code besa.exchange.attachment.ChunkedCipher}). The key
 * is filled in only when the message is sealed, so previews, drafts and API answers never show it.
 */
public record SharedAttachment(UUID id, String name, String mediaType, long size, String sha256, String cipherSha256,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String key) {
    public SharedAttachment {
        if (id == null) throw new IllegalArgumentException("an attachment needs an id");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("attachment " + id + " needs a name");
        if (size < 0) throw new IllegalArgumentException("attachment " + id + ": negative size");
        if (sha256 == null || cipherSha256 == null) throw new IllegalArgumentException("attachment " + id + " needs both hashes");
        mediaType = mediaType == null || mediaType.isBlank() ? "application/octet-stream" : mediaType;
    }

    /** The same description without the key (what people and previews see). */
    public SharedAttachment withoutKey() {
        return key == null ? this : new SharedAttachment(id, name, mediaType, size, sha256, cipherSha256, null);
    }

    public SharedAttachment withKey(String k) {
        return new SharedAttachment(id, name, mediaType, size, sha256, cipherSha256, k);
    }
}
