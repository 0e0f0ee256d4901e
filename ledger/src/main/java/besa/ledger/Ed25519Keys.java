package besa.ledger;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys with the JDK provider only: generation, PKCS#8 (private) and X.509
 * SubjectPublicKeyInfo (public) encodings, PEM, and the raw 32-byte public key of RFC 8032.
 */
public final class Ed25519Keys {

    /** DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410), followed by the 32-byte key. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    static final int RAW_PUBLIC_KEY_SIZE = 32;

    private Ed25519Keys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no Ed25519 (JDK 15 and later do)", e);
        }
    }

    /** PKCS#8 DER encoding of a private key. */
    public static byte[] encodePrivate(PrivateKey key) {
        requireEd25519(key.getAlgorithm());
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("private key format is " + key.getFormat() + ", not PKCS#8");
        }
        return key.getEncoded();
    }

    /** X.509 SubjectPublicKeyInfo DER encoding of a public key. */
    public static byte[] encodePublic(PublicKey key) {
        requireEd25519(key.getAlgorithm());
        return key.getEncoded();
    }

    public static PrivateKey decodePrivate(byte[] pkcs8) {
        try {
            return keyFactory().generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("not a PKCS#8 Ed25519 private key: " + e.getMessage(), e);
        }
    }

    public static PublicKey decodePublic(byte[] x509) {
        try {
            return keyFactory().generatePublic(new X509EncodedKeySpec(x509));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("not an X.509 Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** The 32-byte RFC 8032 encoding of the public key. */
    public static byte[] rawPublicKey(PublicKey key) {
        byte[] der = encodePublic(key);
        if (der.length != X509_PREFIX.length + RAW_PUBLIC_KEY_SIZE
                || !Arrays.equals(der, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalArgumentException("unexpected X.509 encoding of an Ed25519 public key");
        }
        return Arrays.copyOfRange(der, X509_PREFIX.length, der.length);
    }

    /** A public key from its 32-byte RFC 8032 encoding. */
    public static PublicKey publicKeyFromRaw(byte[] raw) {
        if (raw == null || raw.length != RAW_PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("a raw Ed25519 public key has " + RAW_PUBLIC_KEY_SIZE + " bytes, not "
                    + (raw == null ? 0 : raw.length));
        }
        byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + RAW_PUBLIC_KEY_SIZE);
        System.arraycopy(raw, 0, der, X509_PREFIX.length, RAW_PUBLIC_KEY_SIZE);
        return decodePublic(der);
    }

    /** A private key from its 32-byte RFC 8032 seed (the form other signed-note tools store). */
    public static PrivateKey privateKeyFromSeed(byte[] seed) {
        if (seed == null || seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, not " + (seed == null ? 0 : seed.length));
        }
        try {
            return keyFactory().generatePrivate(
                    new java.security.spec.EdECPrivateKeySpec(java.security.spec.NamedParameterSpec.ED25519, seed.clone()));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("not an Ed25519 seed: " + e.getMessage(), e);
        }
    }

    /** PEM text ("PRIVATE KEY", PKCS#8). */
    public static String privateToPem(PrivateKey key) {
        return pem("PRIVATE KEY", encodePrivate(key));
    }

    /** PEM text ("PUBLIC KEY", X.509). */
    public static String publicToPem(PublicKey key) {
        return pem("PUBLIC KEY", encodePublic(key));
    }

    public static PrivateKey privateFromPem(String pem) {
        return decodePrivate(unpem(pem, "PRIVATE KEY"));
    }

    public static PublicKey publicFromPem(String pem) {
        return decodePublic(unpem(pem, "PUBLIC KEY"));
    }

    /** Checks that the two keys belong together by signing and verifying a probe. */
    static void requirePair(PrivateKey privateKey, PublicKey publicKey) {
        byte[] probe = "besa key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try {
            var signer = java.security.Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            var verifier = java.security.Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(probe);
            if (!verifier.verify(signature)) {
                throw new IllegalArgumentException("the private key does not belong to the public key");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a usable Ed25519 key pair: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no '" + begin + "' ... '" + end + "' block in the PEM text");
        }
        String body = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM " + type + " body is not base64: " + e.getMessage(), e);
        }
    }

    private static void requireEd25519(String algorithm) {
        if (!"Ed25519".equalsIgnoreCase(algorithm) && !"EdDSA".equalsIgnoreCase(algorithm)) {
            throw new IllegalArgumentException("key algorithm is " + algorithm + ", not Ed25519");
        }
    }

    private static KeyFactory keyFactory() {
        try {
            return KeyFactory.getInstance("Ed25519");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no Ed25519 (JDK 15 and later do)", e);
        }
    }
}
