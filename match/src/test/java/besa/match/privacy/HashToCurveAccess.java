package besa.match.privacy;

import java.nio.charset.StandardCharsets;

/** The unblinded hash of an identifier, as an attacker without any secret could compute it. */
final class HashToCurveAccess {
    private HashToCurveAccess() {}

    static byte[] plainHash(Identifier id) {
        return new HashToCurve("BESA-PSI-V01-CS02-with-P256_XMD:SHA-256_SSWU_RO_".getBytes(StandardCharsets.US_ASCII)).hash(id.bytes()).getEncoded(true);
    }
}
