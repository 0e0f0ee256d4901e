package besa.match.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under a key derived from the partners' shared secret: one derived key per purpose
 * (each attribute's Bloom hashing, the balancing permutation, the blocking bit sample), so that no
 * output of one purpose says anything about another.
 */
final class Keyed {
    static final int MIN_SECRET_BYTES = 32;
    private final SecretKeySpec key;

    private Keyed(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The key for one purpose, derived from the shared secret (HMAC(secret, "besa-clk-v1/" + purpose)). */
    static Keyed derive(byte[] sharedSecret, String purpose) {
        if (sharedSecret == null || sharedSecret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the shared secret must have at least " + MIN_SECRET_BYTES + " bytes (256 bits) of randomness");
        }
        return new Keyed(new Keyed(sharedSecret).mac().doFinal(("besa-clk-v1/" + purpose).getBytes(StandardCharsets.UTF_8)));
    }

    Mac mac() {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    /**
     * A keyed uniform integer stream (HMAC in counter mode, rejection sampling), identical for both
     * partners: the permutation and the sampled bit positions that both must agree on.
     */
    static final class Stream {
        private final Mac mac;
        private long counter;
        private ByteBuffer block = ByteBuffer.allocate(0);

        Stream(Keyed key) {
            this.mac = key.mac();
        }

        int nextInt(int bound) {
            int limit = Integer.MAX_VALUE - (Integer.MAX_VALUE % bound);
            while (true) {
                if (block.remaining() < 4) block = ByteBuffer.wrap(mac.doFinal(ByteBuffer.allocate(8).putLong(counter++).array()));
                int v = block.getInt() & Integer.MAX_VALUE;
                if (v < limit) return v % bound;
            }
        }

        /** A keyed random permutation of 0..n-1 (Fisher–Yates). */
        int[] permutation(int n) {
            int[] p = new int[n];
            for (int i = 0; i < n; i++) p[i] = i;
            for (int i = n - 1; i > 0; i--) {
                int j = nextInt(i + 1), t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            return p;
        }
    }
}
