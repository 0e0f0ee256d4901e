package besa.access;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over the HOTP of RFC 4226): HMAC-SHA1, 6 digits,
 * 30-second steps, as authenticator apps expect. Pure functions; the caller supplies the time.
 */
public final class Totp {
    public static final int DIGITS = 6;
    public static final long STEP_SECONDS = 30;
    /** Steps accepted either side of the current one, for clocks that drift a little. */
    public static final int WINDOW = 1;
    /** 160-bit secrets, the HMAC-SHA1 block-size recommendation of RFC 4226. */
    public static final int SECRET_BYTES = 20;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {}

    public static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    /** The time step (RFC 6238 "T") an instant falls in. */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The 6-digit HMAC-SHA1 code for a step, zero-padded. */
    public static String code(byte[] secret, long step) {
        return code(secret, step, DIGITS, "HmacSHA1");
    }

    /** The generic RFC 6238 function: any HMAC algorithm ("HmacSHA1", "HmacSHA256", ...) and 6 to 9 digits. */
    public static String code(byte[] secret, long step, int digits, String hmacAlgorithm) {
        if (digits < 6 || digits > 9) throw new IllegalArgumentException("a TOTP code has 6 to 9 digits, not " + digits);
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(hmacAlgorithm);
            mac.init(new SecretKeySpec(secret, hmacAlgorithm));
            hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot compute " + hmacAlgorithm + ": " + e.getMessage(), e);
        }
        // Dynamic truncation (RFC 4226 section 5.3).
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        long otp = binary % (long) Math.pow(10, digits);
        return String.format(Locale.ROOT, "%0" + digits + "d", otp);
    }

    /**
     * The step whose code {@code typed} is, looking at the current step and {@link #WINDOW} steps
     * either side; -1 when none matches. Compares every candidate in constant time.
     */
    public static long matchingStep(byte[] secret, String typed, Instant now) {
        if (typed == null) return -1;
        String code = typed.replace(" ", "");
        if (!code.matches("\\d{" + DIGITS + "}")) return -1;
        long current = step(now);
        long found = -1;
        for (long s = current - WINDOW; s <= current + WINDOW; s++) {
            if (MessageDigest.isEqual(code(secret, s).getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII)) && found < 0) found = s;
        }
        return found;
    }

    /** The otpauth:// URI authenticator apps read (Key Uri Format), e.g. from a QR code. */
    public static String otpauthUri(String issuer, String account, byte[] secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + Base32.encode(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
