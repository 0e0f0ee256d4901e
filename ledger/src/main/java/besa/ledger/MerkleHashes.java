package besa.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The RFC 9162 (Certificate Transparency v2) hashing scheme with SHA-256, section 2.1.1:
 * a leaf is hashed as {@code SHA-256(0x00 || data)}, an interior node as
 * {@code SHA-256(0x01 || left || right)}. The two prefixes keep a leaf from ever being
 * passed off as an interior node (second-preimage resistance).
 *
 * <p>Thread-safe: each thread uses its own {@link MessageDigest}.
 */
public final class MerkleHashes {

    /** Length in bytes of every hash in the log. */
    public static final int HASH_SIZE = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(MerkleHashes::newSha256);

    private MerkleHashes() {
    }

    /** {@code SHA-256(0x00 || data)}. */
    public static byte[] leafHash(byte[] data) {
        MessageDigest md = SHA256.get();
        md.update(LEAF_PREFIX);
        md.update(data);
        return md.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest md = SHA256.get();
        md.update(NODE_PREFIX);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** The Merkle Tree Hash of the empty tree: {@code SHA-256()} of nothing (RFC 9162 section 2.1.1). */
    public static byte[] emptyRoot() {
        return SHA256.get().digest();
    }

    /** Plain SHA-256, used for key ids. */
    static byte[] sha256(byte[]... parts) {
        MessageDigest md = SHA256.get();
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }

    /** Throws if {@code hash} is not a 32-byte value; {@code what} names it in the message. */
    static byte[] requireHash(byte[] hash, String what) {
        if (hash == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (hash.length != HASH_SIZE) {
            throw new IllegalArgumentException(
                    what + " has " + hash.length + " bytes; a SHA-256 hash has " + HASH_SIZE);
        }
        return hash;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256, which every Java SE runtime must provide", e);
        }
    }
}
