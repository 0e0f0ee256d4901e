package besa.audit;

import besa.ledger.Checkpoint;
import besa.ledger.CheckpointVerifier;
import besa.ledger.ConsistencyProof;
import besa.ledger.InvalidCheckpointException;
import besa.ledger.InvalidProofException;
import besa.ledger.NoteSigner;
import besa.ledger.NoteVerifier;
import besa.ledger.Witness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node as a witness for other Besa nodes' logs: it co-signs (c2sp tlog-cosignature/v1, its own
 * witness key) a checkpoint only if a trusted log key signed it and it extends the last checkpoint
 * this node co-signed for that origin. The last co-signed checkpoint per origin is kept in a file,
 * written before the witness's memory is updated and the co-signature returned.
 */
public class HttpWitness {
    private final AuditSettings settings;
    private final Map<String, NoteVerifier> trusted = new ConcurrentHashMap<>();
    private final Map<String, Witness> witnesses = new ConcurrentHashMap<>();
    private volatile NoteSigner signer;

    public HttpWitness(AuditSettings settings) {
        this.settings = settings;
        for (String key : settings.trustedLogs()) trust(NoteVerifier.parse(key));
    }

    /** Trusts the log whose key name (its origin) and public key {@code logKey} carries. */
    public void trust(NoteVerifier logKey) {
        trusted.put(logKey.name(), logKey);
        witnesses.remove(logKey.name());
    }

    /** This witness's public key as a verifier key (cosignature/v1), to configure at the logs it serves. */
    public NoteVerifier verifier() {
        return signer().verifier();
    }

    /** Co-signs {@code note}; {@code proofText} is a consistency proof from the size this witness last co-signed. */
    public String cosign(String note, String proofText) throws WitnessRefusedException {
        Witness witness;
        String origin;
        try {
            origin = Checkpoint.parse(SignedNotes.text(note)).origin();
            witness = witness(origin);
        } catch (InvalidCheckpointException | IllegalArgumentException e) {
            throw new WitnessRefusedException("not a checkpoint: " + e.getMessage(), 0, e);
        }
        synchronized (witness) {
            long held = witness.latest() == null ? 0 : witness.latest().size();
            try {
                ConsistencyProof proof = proofText == null || proofText.isBlank() ? null : ConsistencyProof.parse(proofText);
                // Persisted before the witness's memory moves on: a failed write leaves it unchanged.
                return witness.cosign(note, proof, next -> save(origin, next));
            } catch (InvalidCheckpointException | InvalidProofException e) {
                throw new WitnessRefusedException(e.getMessage(), held, e);
            }
        }
    }

    private Witness witness(String origin) throws WitnessRefusedException {
        NoteVerifier logKey = trusted.get(origin);
        if (logKey == null) throw new WitnessRefusedException("this witness does not serve the log '" + origin + "'", 0, null);
        return witnesses.computeIfAbsent(origin, o -> new Witness(signer(), CheckpointVerifier.forLog(o, logKey), load(o)));
    }

    private Checkpoint load(String origin) {
        Path file = stateFile(origin);
        try {
            return Files.exists(file) ? Checkpoint.parse(Files.readString(file, StandardCharsets.UTF_8)) : null;
        } catch (IOException | InvalidCheckpointException e) {
            throw new IllegalStateException("the witness state " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    private void save(String origin, Checkpoint latest) {
        Path file = stateFile(origin);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".witnessed", ".tmp");
            Files.writeString(tmp, latest.body(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the witness state " + file + ": " + e.getMessage(), e);
        }
    }

    private Path stateFile(String origin) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(origin.getBytes(StandardCharsets.UTF_8));
            return settings.witnessStateDir().resolve(HexFormat.of().formatHex(digest, 0, 16) + ".checkpoint");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private NoteSigner signer() {
        NoteSigner s = signer;
        if (s == null) {
            synchronized (this) {
                if (signer == null) signer = NoteSigner.cosignatureV1(settings.witnessName(), KeyFiles.loadOrCreate(settings.witnessKeyFile()), Clock.systemUTC());
                s = signer;
            }
        }
        return s;
    }

    List<String> origins() {
        return List.copyOf(trusted.keySet());
    }
}
