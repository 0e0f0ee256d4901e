package besa.ledger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Accepts a signed checkpoint only if it is well formed, signed by the trusted log key, names
 * the expected origin, and is co-signed by at least {@code witnessQuorum} of the trusted witnesses.
 *
 * <p>Following c2sp.org/signed-note: signature lines whose key name and key id do not both
 * match a trusted key are ignored; a signature from a trusted key that fails to verify rejects
 * the whole note (a forgery or an altered text); a note without a valid signature from the log
 * key is rejected (for example one signed by a foreign key).
 */
public final class CheckpointVerifier {

    private final String origin;
    private final NoteVerifier logKey;
    private final List<NoteVerifier> witnesses;
    private final int witnessQuorum;

    public CheckpointVerifier(String origin, NoteVerifier logKey, List<NoteVerifier> witnesses, int witnessQuorum) {
        if (origin == null || origin.isEmpty()) {
            throw new IllegalArgumentException("expected origin is empty");
        }
        if (witnessQuorum < 0 || witnessQuorum > witnesses.size()) {
            throw new IllegalArgumentException("witness quorum " + witnessQuorum + " must be in [0, "
                    + witnesses.size() + "], the number of trusted witnesses");
        }
        if (logKey.type() != SignatureType.ED25519) {
            throw new IllegalArgumentException("the log key " + logKey + " must be a plain Ed25519 (0x01) key");
        }
        this.origin = origin;
        this.logKey = logKey;
        this.witnesses = List.copyOf(witnesses);
        this.witnessQuorum = witnessQuorum;
    }

    /** A verifier that needs only the log's own signature. */
    public static CheckpointVerifier forLog(String origin, NoteVerifier logKey) {
        return new CheckpointVerifier(origin, logKey, List.of(), 0);
    }

    /**
     * A checkpoint that passed verification, with the trusted witnesses that co-signed it and,
     * per witness, the POSIX time of its cosignature (0 for plain Ed25519 co-signatures).
     */
    public record VerifiedCheckpoint(Checkpoint checkpoint, List<String> cosigners, java.util.Map<String, Long> cosignedAt) {
        public VerifiedCheckpoint {
            cosigners = List.copyOf(cosigners);
            cosignedAt = java.util.Map.copyOf(cosignedAt);
        }
    }

    public VerifiedCheckpoint verify(String signedNote) throws InvalidCheckpointException {
        SignedNote note = SignedNote.parse(signedNote);
        boolean logSigned = false;
        Set<String> cosigners = new LinkedHashSet<>();
        java.util.Map<String, Long> cosignedAt = new java.util.HashMap<>();
        List<String> ignored = new ArrayList<>();
        for (SignedNote.Signature signature : note.signatures()) {
            NoteVerifier key = trustedKeyFor(signature);
            if (key == null) {
                ignored.add(signature.keyName() + " (key id " + signature.keyIdHex() + ")");
                continue;
            }
            if (!key.verifies(note.text(), signature.signature())) {
                throw new InvalidCheckpointException("signature by " + key
                        + " does not verify: the checkpoint text was altered or the signature forged");
            }
            if (key == logKey) {
                logSigned = true;
            } else {
                cosigners.add(key.name());
                cosignedAt.merge(key.name(), key.timestampOf(signature.signature()), Math::max);
            }
        }
        if (!logSigned) {
            throw new InvalidCheckpointException("checkpoint is not signed by the trusted log key " + logKey
                    + (ignored.isEmpty() ? "" : "; it carries signatures only by unknown keys " + ignored));
        }
        Checkpoint checkpoint = Checkpoint.parse(note.text());
        if (!checkpoint.origin().equals(origin)) {
            throw new InvalidCheckpointException("checkpoint origin '" + checkpoint.origin()
                    + "' is not the expected '" + origin + "': it belongs to another log");
        }
        if (cosigners.size() < witnessQuorum) {
            throw new InvalidCheckpointException("checkpoint of size " + checkpoint.size() + " is co-signed by "
                    + cosigners.size() + " trusted witnesses " + cosigners + "; " + witnessQuorum + " are required");
        }
        return new VerifiedCheckpoint(checkpoint, List.copyOf(cosigners), cosignedAt);
    }

    private NoteVerifier trustedKeyFor(SignedNote.Signature signature) {
        if (logKey.matches(signature)) {
            return logKey;
        }
        for (NoteVerifier witness : witnesses) {
            if (witness.matches(signature)) {
                return witness;
            }
        }
        return null;
    }
}
