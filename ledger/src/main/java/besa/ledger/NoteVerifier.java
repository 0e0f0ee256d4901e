package besa.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A named Ed25519 public key that checks signed-note signatures: the log's own key or a witness's.
 *
 * <p>Key id (c2sp.org/signed-note): the first 4 bytes, big-endian, of
 * {@code SHA-256(key name || 0x0A || 0x01 || 32-byte public key)}. Its 8 hex digits are the
 * short key id shown to operators.
 *
 * <p>Verifier key text ({@link #verifierKey()}): {@code <name>+<8 hex key id>+<base64(0x01 || public key)>},
 * one line, suitable for configuration files of witnesses and of {@code besa audit verify}.
 */
public final class NoteVerifier {

    static final byte ED25519_TYPE = 0x01;

    private final String name;
    private final PublicKey publicKey;
    private final byte[] rawPublicKey;
    private final int keyId;

    public NoteVerifier(String name, PublicKey publicKey) {
        this.name = checkKeyName(name);
        this.publicKey = publicKey;
        this.rawPublicKey = Ed25519Keys.rawPublicKey(publicKey);
        this.keyId = keyId(name, rawPublicKey);
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
        typed[0] = ED25519_TYPE;
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
        if (typed.length != 1 + Ed25519Keys.RAW_PUBLIC_KEY_SIZE || typed[0] != ED25519_TYPE) {
            throw new IllegalArgumentException("verifier key '" + parts[0]
                    + "': key must be the byte 0x01 (Ed25519) followed by 32 bytes");
        }
        byte[] raw = new byte[Ed25519Keys.RAW_PUBLIC_KEY_SIZE];
        System.arraycopy(typed, 1, raw, 0, raw.length);
        NoteVerifier verifier = new NoteVerifier(parts[0], Ed25519Keys.publicKeyFromRaw(raw));
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

    boolean verifies(String text, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(text.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 verification unavailable: " + e.getMessage(), e);
        }
    }

    static int keyId(String name, byte[] rawPublicKey) {
        byte[] hash = MerkleHashes.sha256(name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', ED25519_TYPE},
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
        return name + " (key id " + keyIdHex() + ")";
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
