package besa.vetting;

import besa.platform.SecretFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How vetting events name an officer in the audit trail: never by id or name (any auditor reads the
 * trail, and an auditor who is the subject would learn that he is under vetting) but by a pseudonym,
 * {@code officer#} and the first 16 hex digits of HMAC-SHA256(key, officer id). The key lives in
 * {@code besa.vetting.pseudonym-key-file} (default {@code <data-dir>/vetting-pseudonym.key}, 0600),
 * created on first use; without it nobody can tell which officer a pseudonym stands for, so the vetting
 * unit resolves pseudonyms through its personnel search (which holds the key), and nobody else can.
 */
@Component
public class OfficerPseudonyms implements besa.access.OfficerIdLabels {
    public static final String PREFIX = "officer#";
    private static final int KEY_BYTES = 32;

    private final Path file;
    private SecretKeySpec key;

    @Autowired
    OfficerPseudonyms(@Value("${besa.data-dir:./data}") Path dataDir,
                      @Value("${besa.db.ephemeral:false}") boolean ephemeral,
                      @Value("${besa.vetting.pseudonym-key-file:}") String keyFile) {
        this(keyFile.isBlank() ? SecretFiles.baseDir(dataDir, ephemeral).resolve("vetting-pseudonym.key") : Path.of(keyFile));
    }

    public OfficerPseudonyms(Path file) {
        this.file = file;
    }

    /** The pseudonym of an officer id, e.g. {@code officer#3f9a0c1b2d4e5f60}; the same id always gives the same one. */
    public String of(String officerId) {
        if (officerId == null || officerId.isBlank()) return PREFIX + "none";
        return PREFIX + hmac(officerId.strip());
    }

    /** The first 16 hex digits of HMAC-SHA256(key, text). */
    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * Free text typed into a vetting search (it may name an officer), as the trail shows it: a
     * pseudonym stays as it is, anything else becomes {@code text#} and 16 hex digits of a keyed hash
     * of the lower-cased text: repeated searches for the same text are visible, the text is not.
     */
    public String fingerprint(String text) {
        String t = text == null ? "" : text.strip();
        if (isPseudonym(t)) return t.toLowerCase(Locale.ROOT);
        return "text#" + hmac("text:" + t.toLowerCase(Locale.ROOT));
    }

    /** For the account trail (besa.access): the same pseudonym as {@link #of}. */
    @Override
    public String label(String officerId) {
        return of(officerId);
    }

    /** Whether {@code text} has the shape of a pseudonym (not whether it stands for anyone). */
    public static boolean isPseudonym(String text) {
        return text != null && text.strip().toLowerCase(Locale.ROOT).matches("officer#[0-9a-f]{16}");
    }

    /** The key, read from its file or, the first time, created there (readable by the owner only). */
    private synchronized SecretKeySpec key() {
        if (key == null) key = new SecretKeySpec(loadOrCreate(), "HmacSHA256");
        return key;
    }

    private byte[] loadOrCreate() {
        try {
            return read();
        } catch (NoSuchFileException e) {
            byte[] k = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(k);
            try {
                SecretFiles.createOwnerOnly(file, """
                        # Besa: the key of the officer pseudonyms in the audit trail (HMAC-SHA256).
                        # Back it up apart from the database: a new key gives every officer a new pseudonym,
                        # and older audit entries can then no longer be resolved.
                        %s
                        """.formatted(Base64.getEncoder().encodeToString(k)));
                return k;
            } catch (FileAlreadyExistsException raced) {
                return readOrFail();
            } catch (IOException io) {
                throw new UncheckedIOException("could not create the pseudonym key file " + file + ": " + io.getMessage(), io);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the pseudonym key file " + file + ": " + e.getMessage(), e);
        }
    }

    private byte[] readOrFail() {
        try {
            return read();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the pseudonym key file " + file + ": " + e.getMessage(), e);
        }
    }

    private byte[] read() throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            byte[] k;
            try {
                k = Base64.getDecoder().decode(l);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the pseudonym key file " + file + " does not hold a base64 key", e);
            }
            if (k.length < KEY_BYTES) throw new IllegalStateException("the pseudonym key file " + file + " holds a key of " + k.length + " bytes, " + KEY_BYTES + " needed");
            return k;
        }
        throw new IllegalStateException("the pseudonym key file " + file + " holds no key");
    }
}
