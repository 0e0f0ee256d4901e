package besa.ledger;

import java.nio.charset.StandardCharsets;

/**
 * The signed-note signature types Besa speaks (c2sp.org/signed-note, "Signature types"). The type
 * byte goes into the key id and the verifier key, so the same Ed25519 key yields different key ids
 * per type and a signature of one type can never be taken for the other.
 */
public enum SignatureType {

    /** {@code 0x01}: plain Ed25519 over the note text. The log signs its checkpoints with this. */
    ED25519((byte) 0x01),

    /**
     * {@code 0x04}: timestamped witness cosignature, c2sp.org/tlog-cosignature ("cosignature/v1"):
     * Ed25519 over {@code "cosignature/v1\ntime <unix seconds>\n" || checkpoint text}; the
     * signature line carries {@code key id || 8-byte big-endian timestamp || signature}. This is
     * what the public transparency witnesses (transparency.dev, Sigsum, Sunlight) produce.
     */
    COSIGNATURE_V1((byte) 0x04);

    private final byte id;

    SignatureType(byte id) {
        this.id = id;
    }

    /** The type byte. */
    public byte id() {
        return id;
    }

    static SignatureType of(byte id) {
        for (SignatureType type : values()) {
            if (type.id == id) {
                return type;
            }
        }
        throw new IllegalArgumentException(String.format("signature type 0x%02x is not supported (only 0x01 Ed25519 "
                + "and 0x04 Ed25519 cosignature/v1)", id & 0xff));
    }

    /** The bytes that get signed for a note with {@code text}, at {@code timestamp} for cosignatures. */
    byte[] message(String text, long timestamp) {
        String signed = this == COSIGNATURE_V1 ? "cosignature/v1\ntime " + timestamp + "\n" + text : text;
        return signed.getBytes(StandardCharsets.UTF_8);
    }
}
