package besa.exchange.node;

import besa.platform.SecretFiles;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * This node's identity: its id and agency, its JOSE keys (ES256 signing, ECDH-ES encryption, both
 * P-256) and its TLS key and self-signed certificate. All live in files under the key folder,
 * private parts readable by the owner only (0600), created on first start. Key material is never
 * logged.
 *
 * <p>Rotation ({@link #rotateJoseKeys}) announces a new signing and encryption key that comes into
 * force later, and gives the old ones an expiry after that plus a grace period: until then they
 * still decrypt what partners encrypted to them and partners still accept what they signed, so
 * messages in flight survive a rotation.
 */
public final class NodeIdentity {
    private static final String KEYS = "keys.jwks";
    private static final String TLS_KEY = "tls-key.pem";
    private static final String TLS_CERT = "tls-cert.pem";

    private final String nodeId;
    private final String agency;
    private final Path dir;
    private final Clock clock;
    private volatile JWKSet keys;
    private final PrivateKey tlsKey;
    private final X509Certificate tlsCertificate;

    private NodeIdentity(String nodeId, String agency, Path dir, Clock clock, JWKSet keys, PrivateKey tlsKey, X509Certificate cert) {
        this.nodeId = nodeId;
        this.agency = agency;
        this.dir = dir;
        this.clock = clock;
        this.keys = keys;
        this.tlsKey = tlsKey;
        this.tlsCertificate = cert;
    }

    /** Loads the node's keys from {@code dir}, creating whatever is missing. */
    public static NodeIdentity loadOrCreate(String nodeId, String agency, Path dir, List<String> hostnames, Clock clock) {
        if (nodeId == null || !nodeId.matches("[a-z0-9][a-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException("besa.exchange.node-id must be lower-case letters, digits, '.', '_' or '-': '" + nodeId + "'");
        }
        try {
            Path keysFile = dir.resolve(KEYS);
            if (!Files.exists(keysFile)) {
                SecretFiles.createOwnerOnly(keysFile, new JWKSet(List.of(newKey(KeyUse.SIGNATURE, clock), newKey(KeyUse.ENCRYPTION, clock)))
                        .toString(false));
            }
            JWKSet keys = JWKSet.parse(Files.readString(keysFile));
            Path keyFile = dir.resolve(TLS_KEY);
            Path certFile = dir.resolve(TLS_CERT);
            if (!Files.exists(keyFile) || !Files.exists(certFile)) {
                KeyPair pair = Certificates.newEcKeyPair();
                Instant now = clock.instant();
                X509Certificate cert = Certificates.selfSigned(pair, nodeId, hostnames, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(730)));
                Files.deleteIfExists(certFile);
                Files.deleteIfExists(keyFile);
                SecretFiles.createFolderFor(certFile);
                Files.writeString(certFile, Certificates.toPem(cert));
                SecretFiles.createOwnerOnly(keyFile, Certificates.privateKeyToPem(pair.getPrivate()));
            }
            return new NodeIdentity(nodeId, agency, dir, clock, keys, Certificates.ecPrivateKeyFromPem(Files.readString(keyFile)),
                    Certificates.fromPem(Files.readString(certFile)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the exchange keys in " + dir + ": " + e.getMessage(), e);
        } catch (ParseException e) {
            throw new IllegalStateException("the exchange key file " + dir.resolve(KEYS) + " is not a JWK set: " + e.getMessage(), e);
        }
    }

    public String nodeId() {
        return nodeId;
    }

    /** The folder of the node's key files (other exchange key files live beside them). */
    public Path keyDir() {
        return dir;
    }

    public String agency() {
        return agency;
    }

    /** The key messages and receipts are signed with now: the newest signing key without an expiry. */
    public ECKey signingKey() {
        return active(KeyUse.SIGNATURE);
    }

    /** The encryption key partners should encrypt to now (public half only). */
    public ECKey encryptionKey() {
        return active(KeyUse.ENCRYPTION).toPublicJWK();
    }

    /** The private key for a JWE's {@code kid}, if it is ours and not past its grace period. */
    public Optional<ECKey> decryptionKey(String kid) {
        return usable(KeyUse.ENCRYPTION).filter(k -> k.getKeyID().equals(kid)).findFirst();
    }

    /** Our public keys still valid (signing and encryption), to hand to partners. */
    public JWKSet publicKeys() {
        List<JWK> list = new ArrayList<>();
        for (JWK k : keys.getKeys()) if (!expired(k)) list.add(k.toPublicJWK());
        return new JWKSet(list);
    }

    public PrivateKey tlsKey() {
        return tlsKey;
    }

    public X509Certificate tlsCertificate() {
        return tlsCertificate;
    }

    /**
     * New signing and encryption keys, announced now and used from {@code now + announce} (their
     * {@code nbf}): hand {@link #publicKeys()} to partners before then, so they know the new signing
     * key before it signs anything. The current keys stay usable until {@code now + announce + grace}
     * (decrypting what partners encrypted to them, and verifiable by partners); keys whose grace has
     * run out are dropped from the file.
     */
    public synchronized void rotateJoseKeys(Duration announce, Duration grace) {
        Instant now = clock.instant();
        Date activeFrom = Date.from(now.plus(announce));
        Date until = Date.from(now.plus(announce).plus(grace));
        List<JWK> next = new ArrayList<>();
        for (JWK k : keys.getKeys()) {
            if (expired(k)) continue;
            ECKey ec = (ECKey) k;
            next.add(ec.getExpirationTime() != null ? ec : new ECKey.Builder(ec).expirationTime(until).build());
        }
        next.add(newKey(KeyUse.SIGNATURE, clock, activeFrom));
        next.add(newKey(KeyUse.ENCRYPTION, clock, activeFrom));
        JWKSet set = new JWKSet(next);
        replaceOwnerOnly(dir.resolve(KEYS), set.toString(false));
        keys = set;
    }

    /** The newest key of {@code use} already in force (its {@code nbf} reached) and not expired. */
    private ECKey active(KeyUse use) {
        Instant now = clock.instant();
        return usable(use).filter(k -> k.getNotBeforeTime() == null || !now.isBefore(k.getNotBeforeTime().toInstant()))
                .max(Comparator.comparing(NodeIdentity::inForceFrom))
                .orElseThrow(() -> new IllegalStateException("no active " + use.identifier() + " key in " + dir.resolve(KEYS)));
    }

    /** When a key came (or comes) into force: its nbf, else its issue time. */
    private static Date inForceFrom(ECKey k) {
        return k.getNotBeforeTime() != null ? k.getNotBeforeTime() : k.getIssueTime() != null ? k.getIssueTime() : new Date(0);
    }

    private java.util.stream.Stream<ECKey> usable(KeyUse use) {
        return keys.getKeys().stream().filter(k -> use.equals(k.getKeyUse()) && !expired(k)).map(k -> (ECKey) k);
    }

    private boolean expired(JWK k) {
        return k.getExpirationTime() != null && !clock.instant().isBefore(k.getExpirationTime().toInstant());
    }

    private static ECKey newKey(KeyUse use, Clock clock) {
        return newKey(use, clock, null);
    }

    private static ECKey newKey(KeyUse use, Clock clock, Date notBefore) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(use).keyIDFromThumbprint(true)
                    .issueTime(Date.from(clock.instant())).notBeforeTime(notBefore).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("could not generate an EC key: " + e.getMessage(), e);
        }
    }

    private static void replaceOwnerOnly(Path file, String content) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), ".keys", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(tmp, content);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
