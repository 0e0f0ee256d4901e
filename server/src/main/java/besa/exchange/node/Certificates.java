package besa.exchange.node;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * X.509 certificates for the node-to-node TLS: self-signed EC P-256 certificates (partners pin them
 * by fingerprint, so no CA is involved), PEM in and out, SHA-256 fingerprints. Built from Bouncy
 * Castle's ASN.1 classes (bcprov, already a dependency) because the JDK has no public certificate
 * builder.
 */
public final class Certificates {
    private Certificates() {}

    /** A self-signed certificate for {@code name}, usable for TLS server and client authentication. */
    public static X509Certificate selfSigned(KeyPair pair, String name, List<String> hostnames, Instant notBefore, Instant notAfter) {
        try {
            var tbs = new V3TBSCertificateGenerator();
            X500Name dn = new X500Name("CN=" + name.replaceAll("[,=+<>#;\"\\\\]", "_"));
            tbs.setSerialNumber(new ASN1Integer(new BigInteger(64, new SecureRandom()).add(BigInteger.ONE)));
            tbs.setIssuer(dn);
            tbs.setSubject(dn);
            tbs.setStartDate(new Time(Date.from(notBefore)));
            tbs.setEndDate(new Time(Date.from(notAfter)));
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
            var algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
            tbs.setSignature(algorithm);
            var ext = new ExtensionsGenerator();
            ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            ext.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            List<GeneralName> names = new ArrayList<>();
            for (String h : hostnames) {
                names.add(h.matches("[0-9.]+|.*:.*") ? new GeneralName(GeneralName.iPAddress, InetAddress.getByName(h).getHostAddress())
                        : new GeneralName(GeneralName.dNSName, h));
            }
            if (!names.isEmpty()) {
                ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            tbs.setExtensions(ext.generate());
            var certInfo = tbs.generateTBSCertificate();
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(certInfo.getEncoded(ASN1Encoding.DER));
            var v = new ASN1EncodableVector();
            v.add(certInfo);
            v.add(algorithm);
            v.add(new DERBitString(signer.sign()));
            return parseDer(new DERSequence(v).getEncoded(ASN1Encoding.DER));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not create a certificate for " + name + ": " + e.getMessage(), e);
        }
    }

    /** A new EC P-256 key pair (TLS keys). */
    public static KeyPair newEcKeyPair() {
        try {
            var g = java.security.KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static X509Certificate parseDer(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** Parses one PEM certificate; throws IllegalArgumentException saying why it is not one. */
    public static X509Certificate fromPem(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("not a PEM certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        return parseDer(pemBody(pem, "CERTIFICATE"));
    }

    public static String toPem(X509Certificate cert) {
        try {
            return pem("CERTIFICATE", cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lower-case hex SHA-256 of the certificate's DER encoding: how partners are pinned. */
    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String privateKeyToPem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    static PrivateKey ecPrivateKeyFromPem(String pem) {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pemBody(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an EC private key: " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(String pem, String type) {
        int start = pem.indexOf("-----BEGIN " + type + "-----");
        int end = pem.indexOf("-----END " + type + "-----");
        if (start < 0 || end < start) throw new IllegalArgumentException("no PEM " + type + " block");
        String body = pem.substring(start + type.length() + 16, end).replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
