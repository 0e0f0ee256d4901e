package besa.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * A named Ed25519 public key of one {@link SignatureType} that checks signed-note signatures: the
 * log's own key (type 0x01) or a witness's (0x01, or 0x04 for c2sp.org/tlog-cosignature).
 *
 * <p>Key id (c2sp.org/signed-note): the first 4 bytes, big-endian, of
 * {@code SHA-256(key name || 0x0A || type || 32-byte public key)}. Its 8 hex digits are the
 * short key id shown to operators.
 *
 * <p>Verifier key text ({@link #verifierKey()}): {@code <name>+<8 hex key id>+<base64(type || public key)>},
 * one line, suitable for configuration files of witnesses and of {@code besa audit verify}.
 */
public final class NoteVerifier {

    private static final int ED25519_SIGNATURE_SIZE = 64;

    private final String name;
    private final PublicKey publicKey;
    private final SignatureType type;
    private final byte[] rawPublicKey;
    private final int keyId;

    /** A plain Ed25519 (type 0x01) verifier. */
    public NoteVerifier(String name, PublicKey publicKey) {
        this(name, publicKey, SignatureType.ED25519);
    }

    public NoteVerifier(String name, PublicKey publicKey, SignatureType type) {
        this.name = checkKeyName(name);
        this.publicKey = publicKey;
        this.type = type;
        this.rawPublicKey = Ed25519Keys.rawPublicKey(publicKey);
        this.keyId = keyId(name, type, rawPublicKey);
    }

    public SignatureType type() {
        return type;
    }

    public String name() {
        return name;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public int keyId() {
        return keyId;
    }

    /** The short key id: 8 lower-case hex digits. */
    public String keyIdHex() {
        return String.format("%08x", keyId);
    }

    /** One-line text form, see the class comment. */
    public String verifierKey() {
        byte[] typed = new byte[1 + rawPublicKey.length];
        typed[0] = type.id();
        System.arraycopy(rawPublicKey, 0, typed, 1, rawPublicKey.length);
        return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(typed);
    }

    /** Parses {@link #verifierKey()} text, checking that the key id matches the name and key. */
    public static NoteVerifier parse(String verifierKey) {
        // At most three parts: the base64 key itself may contain '+'; the name and the hex id cannot.
        String[] parts = verifierKey == null ? new String[0] : verifierKey.strip().split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("verifier key must be '<name>+<8 hex key id>+<base64 key>'");
        }
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("verifier key '" + parts[0] + "': key is not base64", e);
        }
        if (typed.length != 1 + Ed25519Keys.RAW_PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("verifier key '" + parts[0]
                    + "': key must be a type byte (0x01 or 0x04) followed by 32 bytes");
        }
        SignatureType type;
        try {
            type = SignatureType.of(typed[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("verifier key '" + parts[0] + "': " + e.getMessage(), e);
        }
        byte[] raw = new byte[Ed25519Keys.RAW_PUBLIC_KEY_SIZE];
        System.arraycopy(typed, 1, raw, 0, raw.length);
        NoteVerifier verifier = new NoteVerifier(parts[0], Ed25519Keys.publicKeyFromRaw(raw), type);
        if (!verifier.keyIdHex().equals(parts[1].toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("verifier key '" + parts[0] + "': key id " + parts[1]
                    + " does not match the name and key (expected " + verifier.keyIdHex() + ")");
        }
        return verifier;
    }

    /** True when {@code signature} is this key's signature line and it verifies over {@code text}. */
    boolean matches(SignedNote.Signature signature) {
        return signature.keyName().equals(name) && signature.keyId() == keyId;
    }

    /**
     * True when {@code signature} (the bytes after the key id: for cosignatures an 8-byte
     * timestamp, then the Ed25519 signature) verifies over {@code text}.
     */
    boolean verifies(String text, byte[] signature) {
        long timestamp = 0;
        byte[] ed25519 = signature;
        if (type == SignatureType.COSIGNATURE_V1) {
            if (signature.length != 8 + ED25519_SIGNATURE_SIZE) {
                return false;
            }
            timestamp = ByteBuffer.wrap(signature, 0, 8).getLong();
            if (timestamp < 0) {
                return false;
            }
            ed25519 = java.util.Arrays.copyOfRange(signature, 8, signature.length);
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(type.message(text, timestamp));
            return verifier.verify(ed25519);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 verification unavailable: " + e.getMessage(), e);
        }
    }

    /** For a cosignature: the POSIX time it carries; 0 for plain signatures. */
    long timestampOf(byte[] signature) {
        return type == SignatureType.COSIGNATURE_V1 && signature.length >= 8
                ? ByteBuffer.wrap(signature, 0, 8).getLong() : 0;
    }

    static int keyId(String name, SignatureType type, byte[] rawPublicKey) {
        byte[] hash = MerkleHashes.sha256(name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', type.id()},
                rawPublicKey);
        return ByteBuffer.wrap(hash, 0, 4).getInt();
    }

    static String checkKeyName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("key name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c == '+' || c == 0x7f || Character.isWhitespace(c)) {
                throw new IllegalArgumentException("key name '" + name
                        + "' must not contain spaces, control characters or '+'");
            }
        }
        return name;
    }

    @Override
    public String toString() {
        return name + " (key id " + keyIdHex() + (type == SignatureType.COSIGNATURE_V1 ? ", cosignature/v1" : "") + ")";
    }
}
