package besa.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AES-256 keys that seal secrets kept in the database (TOTP secrets, the exchange's cross-matching
 * secrets), read from a file outside it, one file per use so that each is keyed separately. The
 * file holds one {@code <version> <base64 key>} a line (versions 1 to 255); the highest version
 * seals, the others only open what they sealed before a rotation. A sealed secret is
 * {@code version byte || 96-bit nonce || AES-GCM ciphertext and tag}, with the version byte and a
 * context (e.g. the username) as associated data: a sealed secret copied to another row does not open.
 */
public final class SealingKeys {
    public static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = LoggerFactory.getLogger(SealingKeys.class);

    private final Path file;
    private final NavigableMap<Integer, SecretKey> keys;

    private SealingKeys(Path file, NavigableMap<Integer, SecretKey> keys) {
        this.file = file;
        this.keys = keys;
    }

    /**
     * Reads the key file; a missing, unreadable or malformed file is an error that names it and
     * what it is for ({@code label}, e.g. "TOTP" in "the TOTP key file …").
     */
    public static SealingKeys load(Path file, String label) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the " + label + " key file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the " + label + " key file " + file + ": " + e.getMessage(), e);
        }
        NavigableMap<Integer, SecretKey> keys = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String where = "the " + label + " key file " + file + ", line " + (i + 1);
            String[] parts = line.split("\\s+");
            if (parts.length != 2 || !parts[0].matches("\\d{1,3}")) {
                throw new IllegalStateException(where + ": expected '<version 1-255> <base64 AES-256 key>'");
            }
            int version = Integer.parseInt(parts[0]);
            byte[] key;
            try {
                key = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": the key is not base64", e);
            }
            if (version < 1 || version > 255) throw new IllegalStateException(where + ": version " + version + " is not between 1 and 255");
            if (key.length != KEY_BYTES) throw new IllegalStateException(where + ": the key has " + key.length + " bytes, AES-256 needs " + KEY_BYTES);
            if (keys.put(version, new SecretKeySpec(key, "AES")) != null) throw new IllegalStateException(where + ": version " + version + " appears twice");
        }
        if (keys.isEmpty()) throw new IllegalStateException("the " + label + " key file " + file + " holds no key");
        return new SealingKeys(file, keys);
    }

    /**
     * The key file, created on first start. If it is missing while {@code sealedRows} counts rows sealed with it, an
     * error that names it and says what to restore: a new key would open none of them ({@code sealedWhat}, e.g.
     * "TOTP secrets"; {@code advice} is appended to that error).
     */
    public static SealingKeys openOrCreate(Path file, String label, String purpose, LongSupplier sealedRows, String sealedWhat, String advice) {
        if (Files.exists(file)) return load(file, label);
        long sealed = sealedRows.getAsLong();
        if (sealed > 0) {
            throw new IllegalStateException("the " + label + " key file " + file + " is missing, but " + sealed + " " + sealedWhat
                    + " in the database are encrypted with it: restore the file from its backup" + advice);
        }
        LOG.info("Creating the {} key file {}; back it up apart from the database", label, file);
        return create(file, label, purpose);
    }

    /**
     * Creates the key file (0600) with one fresh version-1 key and {@code purpose} as a comment
     * (what the keys encrypt, what is lost without them); fails if it exists.
     */
    public static SealingKeys create(Path file, String label, String purpose) {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        try {
            SecretFiles.createOwnerOnly(file, """
                    # Besa: %s (AES-256-GCM).
                    # One "<version> <base64 key>" a line; the highest version encrypts, older ones only decrypt.
                    # Back this file up apart from the database.
                    1 %s
                    """.formatted(purpose, Base64.getEncoder().encodeToString(key)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the " + label + " key file " + file + ": " + e.getMessage(), e);
        }
        return load(file, label);
    }

    public Path file() {
        return file;
    }

    /** The version new secrets are sealed with. */
    public int current() {
        return keys.lastKey();
    }

    public boolean has(int version) {
        return keys.containsKey(version);
    }

    /** Seals {@code secret} for {@code context} (what it belongs to: opening needs the same context). */
    public byte[] seal(String context, byte[] secret) {
        int version = current();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher gcm = cipher(Cipher.ENCRYPT_MODE, version, nonce, context);
            return ByteBuffer.allocate(1 + NONCE_BYTES + gcm.getOutputSize(secret.length))
                    .put((byte) version).put(nonce).put(gcm.doFinal(secret)).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /** The secret {@code sealed} holds; throws {@link Unreadable} if it was not sealed for this context with a key of this file. */
    public byte[] open(String context, byte[] sealed) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8) throw new Unreadable("too short to be a sealed secret");
        int version = versionOf(sealed);
        if (!has(version)) throw new Unreadable("sealed with key version " + version + ", which " + file + " does not hold");
        try {
            byte[] nonce = Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES);
            return cipher(Cipher.DECRYPT_MODE, version, nonce, context).doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new Unreadable("does not decrypt with key version " + version + " of " + file + " for this context");
        }
    }

    public static int versionOf(byte[] sealed) {
        return sealed[0] & 0xff;
    }

    private Cipher cipher(int mode, int version, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(mode, keys.get(version), new GCMParameterSpec(TAG_BITS, nonce));
        gcm.updateAAD(new byte[] {(byte) version});
        gcm.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return gcm;
    }

    /** A stored secret that cannot be opened: tampered with, copied from another row, or a wrong key. */
    public static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }
}
