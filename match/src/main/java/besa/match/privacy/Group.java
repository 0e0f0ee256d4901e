package besa.match.privacy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.ECPoint;

/** The P-256 group operations the PSI needs: hash an identifier, draw a secret, blind, check a received point. */
final class Group {
    static final int POINT_BYTES = 33; // SEC 1 compressed
    private static final HashToCurve H2C = new HashToCurve("BESA-PSI-V01-CS02-with-P256_XMD:SHA-256_SSWU_RO_".getBytes(StandardCharsets.US_ASCII));
    private static final BigInteger N = HashToCurve.P256.getN();

    private Group() {}

    /** A secret scalar in [1, n-1], fresh per session. */
    static BigInteger order() {
        return N;
    }

    static BigInteger secret(SecureRandom random) {
        BigInteger k;
        do k = new BigInteger(N.bitLength(), random); while (k.signum() == 0 || k.compareTo(N) >= 0);
        return k;
    }

    /**
     * A uniformly random point other than the identity, compressed: a dummy that pads a blinded set. Blinded
     * identifiers are uniformly distributed points too (H(x)^k with k secret), so the other side cannot tell a dummy
     * from them, and a dummy matches nothing except with the chance of guessing a discrete logarithm.
     */
    static byte[] randomPoint(SecureRandom random) {
        return HashToCurve.P256.getG().multiply(secret(random)).normalize().getEncoded(true);
    }

    /** H(id)^k, compressed. */
    static byte[] hashAndBlind(Identifier id, BigInteger k) {
        return blind(H2C.hash(id.bytes()), k);
    }

    /** A received point raised to k, compressed; the point is checked first. */
    static byte[] reblind(byte[] received, BigInteger k, int index, String what) {
        return blind(decode(received, index, what), k);
    }

    private static byte[] blind(ECPoint p, BigInteger k) {
        return p.multiply(k).normalize().getEncoded(true);
    }

    /** A compressed point on P-256 other than the identity, or a clear error naming the element. */
    static ECPoint decode(byte[] bytes, int index, String what) {
        if (bytes == null || bytes.length != POINT_BYTES) throw new IllegalArgumentException(what + " element " + index + ": expected a " + POINT_BYTES + "-byte compressed P-256 point");
        try {
            ECPoint p = HashToCurve.CURVE.decodePoint(bytes);
            if (p.isInfinity()) throw new IllegalArgumentException(what + " element " + index + ": the identity point is not allowed");
            return p;
        } catch (IllegalArgumentException | ArithmeticException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(what)) throw e;
            throw new IllegalArgumentException(what + " element " + index + ": not a point on P-256 (" + e.getMessage() + ")", e);
        }
    }

    static ByteBuffer key(byte[] point) {
        return ByteBuffer.wrap(point);
    }
}
