package besa.match.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/** RFC 9380 Appendix J.1.1 (P256_XMD:SHA-256_SSWU_RO_) test vectors. */
class HashToCurveTest {
    static final HashToCurve H = new HashToCurve("QUUX-V01-CS02-with-P256_XMD:SHA-256_SSWU_RO_".getBytes(StandardCharsets.US_ASCII));

    static final String[][] VECTORS = {
        {"", "2c15230b26dbc6fc9a37051158c95b79656e17a1a920b11394ca91c44247d3e4", "8a7a74985cc5c776cdfe4b1f19884970453912e9d31528c060be9ab5c43e8415"},
        {"abc", "0bb8b87485551aa43ed54f009230450b492fead5f1cc91658775dac4a3388a0f", "5c41b3d0731a27a7b14bc0bf0ccded2d8751f83493404c84a88e71ffd424212e"},
        {"abcdef0123456789", "65038ac8f2b1def042a5df0b33b1f4eca6bff7cb0f9c6c1526811864e544ed80", "cad44d40a656e7aff4002a8de287abc8ae0482b5ae825822bb870d6df9b56ca3"},
        {"q128_" + "q".repeat(128), "4be61ee205094282ba8a2042bcb48d88dfbb609301c49aa8b078533dc65a0b5d", "98f8df449a072c4721d241a3b1236d3caccba603f916ca680f4539d2bfb3c29e"},
        {"a512_" + "a".repeat(512), "457ae2981f70ca85d8e24c308b14db22f3e3862c5ea0f652ca38b5e49cd64bc5", "ecb9f0eadc9aeed232dabc53235368c1394c78de05dd96893eefa62b0f4757dc"},
    };

    @Test
    void hashToFieldMatchesTheRfc() {
        BigInteger[] u = H.hashToField(new byte[0]);
        assertThat(u[0]).isEqualTo(new BigInteger("ad5342c66a6dd0ff080df1da0ea1c04b96e0330dd89406465eeba11582515009", 16));
        assertThat(u[1]).isEqualTo(new BigInteger("8c0f1d43204bd6f6ea70ae8013070a1518b43873bcd850aafa0a9e220e2eea5a", 16));
        u = H.hashToField("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(u[0]).isEqualTo(new BigInteger("afe47f2ea2b10465cc26ac403194dfb68b7f5ee865cda61e9f3e07a537220af1", 16));
        assertThat(u[1]).isEqualTo(new BigInteger("379a27833b0bfe6f7bdca08e1e83c760bf9a338ab335542704edcd69ce9e46e0", 16));
    }

    @Test
    void mapToCurveMatchesTheRfc() {
        // Q0, Q1 of the empty message
        ECPoint q0 = HashToCurve.map(new BigInteger("ad5342c66a6dd0ff080df1da0ea1c04b96e0330dd89406465eeba11582515009", 16)).normalize();
        assertThat(q0.getAffineXCoord().toBigInteger()).isEqualTo(new BigInteger("ab640a12220d3ff283510ff3f4b1953d09fad35795140b1c5d64f313967934d5", 16));
        assertThat(q0.getAffineYCoord().toBigInteger()).isEqualTo(new BigInteger("dccb558863804a881d4fff3455716c836cef230e5209594ddd33d85c565b19b1", 16));
        ECPoint q1 = HashToCurve.map(new BigInteger("8c0f1d43204bd6f6ea70ae8013070a1518b43873bcd850aafa0a9e220e2eea5a", 16)).normalize();
        assertThat(q1.getAffineXCoord().toBigInteger()).isEqualTo(new BigInteger("51cce63c50d972a6e51c61334f0f4875c9ac1cd2d3238412f84e31da7d980ef5", 16));
        assertThat(q1.getAffineYCoord().toBigInteger()).isEqualTo(new BigInteger("b45d1a36d00ad90e5ec7840a60a4de411917fbe7c82c3949a6e699e5a1b66aac", 16));
    }

    @Test
    void hashToCurveMatchesAllRfcVectors() {
        for (String[] v : VECTORS) {
            ECPoint p = H.hash(v[0].getBytes(StandardCharsets.US_ASCII));
            assertThat(p.getAffineXCoord().toBigInteger()).as("x of '%s'", v[0]).isEqualTo(new BigInteger(v[1], 16));
            assertThat(p.getAffineYCoord().toBigInteger()).as("y of '%s'", v[0]).isEqualTo(new BigInteger(v[2], 16));
            assertThat(p.isValid()).isTrue();
        }
    }

    @Test
    void anotherDomainGivesAnotherPoint() {
        HashToCurve other = new HashToCurve("BESA-TEST".getBytes(StandardCharsets.US_ASCII));
        assertThat(other.hash("abc".getBytes(StandardCharsets.US_ASCII))).isNotEqualTo(H.hash("abc".getBytes(StandardCharsets.US_ASCII)));
    }
}
