package besa.ledger;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;

/**
 * Signs checkpoints as signed notes with a named Ed25519 key: the log's key, or a witness's key
 * co-signing a checkpoint the log already signed, either with plain Ed25519 signatures (type
 * 0x01) or with timestamped c2sp.org/tlog-cosignature signatures (type 0x04, see
 * {@link #cosignatureV1}). Thread-safe.
 */
public final class NoteSigner {

    private final PrivateKey privateKey;
    private final NoteVerifier verifier;
    private final Clock clock;

    /** A plain Ed25519 signer; {@code name} is the key name in signature lines, e.g. {@code besa.example/audit}. */
    public NoteSigner(String name, PrivateKey privateKey, PublicKey publicKey) {
        this(name, privateKey, publicKey, SignatureType.ED25519, Clock.systemUTC());
    }

    public NoteSigner(String name, KeyPair keyPair) {
        this(name, keyPair.getPrivate(), keyPair.getPublic());
    }

    private NoteSigner(String name, PrivateKey privateKey, PublicKey publicKey, SignatureType type, Clock clock) {
        Ed25519Keys.requirePair(privateKey, publicKey);
        this.privateKey = privateKey;
        this.verifier = new NoteVerifier(name, publicKey, type);
        this.clock = clock;
    }

    /** A witness signer producing c2sp.org/tlog-cosignature "cosignature/v1" lines, timestamped by {@code clock}. */
    public static NoteSigner cosignatureV1(String name, KeyPair keyPair, Clock clock) {
        return new NoteSigner(name, keyPair.getPrivate(), keyPair.getPublic(), SignatureType.COSIGNATURE_V1, clock);
    }

    /** The matching verifier, to hand to whoever checks this key's signatures. */
    public NoteVerifier verifier() {
        return verifier;
    }

    public String name() {
        return verifier.name();
    }

    /** Signs a checkpoint; returns the signed note text. */
    public String sign(Checkpoint checkpoint) {
        return sign(new SignedNote(checkpoint.body(), java.util.List.of())).encode();
    }

    /**
     * Adds this key's signature to an already signed note (a witness co-signature). The note is
     * only parsed, not verified; a witness should verify the log's signature first (see {@link Witness}).
     * A note already carrying this key's signature is returned unchanged.
     */
    public String cosign(String signedNote) throws InvalidCheckpointException {
        SignedNote note = SignedNote.parse(signedNote);
        if (note.signatures().stream().anyMatch(verifier::matches)) {
            return note.encode();
        }
        return sign(note).encode();
    }

    SignedNote sign(SignedNote note) {
        long timestamp = verifier.type() == SignatureType.COSIGNATURE_V1 ? clock.instant().getEpochSecond() : 0;
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(verifier.type().message(note.text(), timestamp));
            byte[] signature = signer.sign();
            if (verifier.type() == SignatureType.COSIGNATURE_V1) {
                signature = ByteBuffer.allocate(8 + signature.length).putLong(timestamp).put(signature).array();
            }
            return note.withSignature(new SignedNote.Signature(verifier.name(), verifier.keyId(), signature));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }
}
