package besa.match.privacy;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;

/**
 * RFC 9380 hash-to-curve, suite {@code P256_XMD:SHA-256_SSWU_RO_}: expand_message_xmd with SHA-256,
 * hash_to_field (two elements, L = 48), the simplified SWU map (Z = -10), point addition; P-256 has
 * cofactor 1, so clearing it is the identity. The output is a random oracle into the group: nobody
 * knows the discrete logarithm of the point, which the PSI's security rests on (hashing to a scalar
 * and multiplying the generator would not do). Bouncy Castle supplies the curve arithmetic only.
 * Checked against the RFC's Appendix J.1.1 vectors in HashToCurveTest.
 *
 * <p>Not constant-time (the branches of the map and Bouncy Castle's arithmetic): it runs on a node's own data inside that node, in batch; the
 * timing is not observable by the partner beyond the duration of the whole batch.
 */
public final class HashToCurve {
    static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    static final ECCurve CURVE = P256.getCurve();
    private static final BigInteger P = CURVE.getField().getCharacteristic();
    private static final ECFieldElement ZF = CURVE.fromBigInteger(P.subtract(BigInteger.TEN)); // Z = -10
    private static final int L = 48;

    private final byte[] dst;

    /** @param dst the domain separation tag (RFC 9380 §3.1), 1 to 255 bytes, unique to the application */
    public HashToCurve(byte[] dst) {
        if (dst.length == 0 || dst.length > 255) throw new IllegalArgumentException("domain separation tag must be 1 to 255 bytes, is " + dst.length);
        this.dst = dst.clone();
    }

    /** The point for a message: hash_to_curve(msg). */
    public ECPoint hash(byte[] msg) {
        BigInteger[] u = hashToField(msg);
        return map(u[0]).add(map(u[1])).normalize();
    }

    /** hash_to_field(msg, 2): two field elements from 96 uniform bytes. */
    BigInteger[] hashToField(byte[] msg) {
        byte[] bytes = expandMessageXmd(msg, dst, 2 * L);
        BigInteger[] u = new BigInteger[2];
        for (int i = 0; i < 2; i++) {
            byte[] part = new byte[L];
            System.arraycopy(bytes, i * L, part, 0, L);
            u[i] = new BigInteger(1, part).mod(P);
        }
        return u;
    }

    /** expand_message_xmd with SHA-256 (RFC 9380 §5.3.1). */
    static byte[] expandMessageXmd(byte[] msg, byte[] dst, int lenInBytes) {
        int ell = (lenInBytes + 31) / 32;
        if (ell > 255 || lenInBytes > 65535) throw new IllegalArgumentException("requested too many bytes: " + lenInBytes);
        MessageDigest h = sha256();
        byte[] dstPrime = new byte[dst.length + 1];
        System.arraycopy(dst, 0, dstPrime, 0, dst.length);
        dstPrime[dst.length] = (byte) dst.length;
        h.update(new byte[64]); // Z_pad: one SHA-256 block of zeros
        h.update(msg);
        h.update(new byte[] {(byte) (lenInBytes >>> 8), (byte) lenInBytes, 0});
        h.update(dstPrime);
        byte[] b0 = h.digest();
        byte[] out = new byte[ell * 32];
        byte[] prev = new byte[32];
        for (int i = 1; i <= ell; i++) {
            byte[] x = new byte[32];
            for (int j = 0; j < 32; j++) x[j] = (byte) (b0[j] ^ (i == 1 ? 0 : prev[j]));
            h.update(x);
            h.update((byte) i);
            h.update(dstPrime);
            prev = h.digest();
            System.arraycopy(prev, 0, out, (i - 1) * 32, 32);
        }
        byte[] result = new byte[lenInBytes];
        System.arraycopy(out, 0, result, 0, lenInBytes);
        return result;
    }

    /**
     * map_to_curve_simple_swu (RFC 9380 §6.6.2), the specification's steps on Bouncy Castle's P-256
     * field elements; their sqrt() returns null for a non-square, which is the is_square test.
     */
    static ECPoint map(BigInteger uValue) {
        ECFieldElement u = CURVE.fromBigInteger(uValue);
        ECFieldElement tv1 = ZF.multiply(u.square()); // Z u^2
        ECFieldElement den = tv1.square().add(tv1); // Z^2 u^4 + Z u^2
        ECFieldElement x1 = den.isZero()
                ? CURVE.getB().divide(ZF.multiply(CURVE.getA()))
                : CURVE.getB().negate().divide(CURVE.getA()).multiply(den.invert().add(CURVE.fromBigInteger(BigInteger.ONE)));
        ECFieldElement x = x1, y = g(x1).sqrt();
        if (y == null) {
            x = tv1.multiply(x1);
            y = g(x).sqrt();
        }
        if (u.testBitZero() != y.testBitZero()) y = y.negate(); // sgn0(u) == sgn0(y)
        return CURVE.validatePoint(x.toBigInteger(), y.toBigInteger());
    }

    private static ECFieldElement g(ECFieldElement x) {
        return x.square().add(CURVE.getA()).multiply(x).add(CURVE.getB());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
