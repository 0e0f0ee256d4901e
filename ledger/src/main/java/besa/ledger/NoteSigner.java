package besa.ledger;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Signs checkpoints as signed notes with a named Ed25519 key: the log's key, or a witness's key
 * co-signing a checkpoint the log already signed. Thread-safe.
 */
public final class NoteSigner {

    private final PrivateKey privateKey;
    private final NoteVerifier verifier;

    /** {@code name} is the key name written in signature lines, e.g. {@code besa.example/audit}. */
    public NoteSigner(String name, PrivateKey privateKey, PublicKey publicKey) {
        Ed25519Keys.requirePair(privateKey, publicKey);
        this.privateKey = privateKey;
        this.verifier = new NoteVerifier(name, publicKey);
    }

    public NoteSigner(String name, KeyPair keyPair) {
        this(name, keyPair.getPrivate(), keyPair.getPublic());
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
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(note.text().getBytes(StandardCharsets.UTF_8));
            return note.withSignature(new SignedNote.Signature(verifier.name(), verifier.keyId(), signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }
}
