package besa.audit;

import besa.ledger.AuditFinding;
import besa.ledger.Checkpoint;
import besa.ledger.CheckpointVerifier;
import besa.ledger.InvalidCheckpointException;
import besa.ledger.InvalidProofException;
import besa.ledger.MerkleLog;
import besa.ledger.NoteVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server does before it serves: open the Merkle log (read every stored leaf hash) and
 * check that the stored tree extends the newest checkpoint in the witness folder (a consistency
 * proof from the checkpoint's size to the table's). A truncated, altered or rebuilt table, or a
 * checkpoint this log did not sign, stops the start-up (fail closed) unless the operator has
 * set {@code besa.audit.allow-inconsistent-start=true}.
 */
public final class AuditStartupCheck {
    private static final Logger log = LoggerFactory.getLogger(AuditStartupCheck.class);

    private final AuditLog auditLog;
    private final FileWitness folder;
    private final Path logKeyFile;
    private final String origin;

    public AuditStartupCheck(AuditLog auditLog, FileWitness folder, Path logKeyFile, String origin) {
        this.auditLog = auditLog;
        this.folder = folder;
        this.logKeyFile = logKeyFile;
        this.origin = origin;
    }

    public static AuditStartupCheck of(AuditLog auditLog, AuditSettings settings, FileWitness folder) {
        return new AuditStartupCheck(auditLog, folder, settings.keyFile(), settings.origin());
    }

    /** Opens the log and checks it; throws IllegalStateException naming the first problem unless {@code allowInconsistent}. */
    public void run(boolean allowInconsistent) {
        long t0 = System.nanoTime();
        Optional<String> problem = problem();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (problem.isEmpty()) {
            log.info("Audit log open: {} entries, checked against the witness folder {} in {} s",
                    auditLog.merkleLog().size(), folder.dir(), String.format("%.1f", seconds));
            return;
        }
        if (allowInconsistent) {
            log.error("AUDIT TRAIL INCONSISTENT, started anyway because besa.audit.allow-inconsistent-start=true: {}", problem.get());
            return;
        }
        String message = "The audit trail does not match its witnessed checkpoint, so Besa refuses to start: " + problem.get()
                + ". Run 'besa audit verify' to investigate; to start anyway (operator decision, logged) set"
                + " besa.audit.allow-inconsistent-start=true.";
        log.error(message);
        throw new IllegalStateException(message);
    }

    /** The first problem found, or empty when the table is consistent with the newest witnessed checkpoint (or none exists yet). */
    public Optional<String> problem() {
        Optional<String> note = folder.latestNote();
        MerkleLog merkle = auditLog.merkleLog(); // opened here, before the first request
        if (note.isEmpty()) return Optional.empty();
        Path pub = KeyFiles.publicFile(logKeyFile);
        if (!Files.exists(pub)) {
            return Optional.of("the witness folder " + folder.dir() + " holds checkpoints but the log's public key " + pub + " is missing");
        }
        Checkpoint witnessed;
        try {
            witnessed = CheckpointVerifier.forLog(origin, new NoteVerifier(origin, KeyFiles.loadPublic(logKeyFile)))
                    .verify(note.get()).checkpoint();
        } catch (InvalidCheckpointException e) {
            return Optional.of("the newest checkpoint in " + folder.dir() + " is not a checkpoint of log '" + origin
                    + "' signed with " + pub + ": " + e.getMessage());
        }
        long size = merkle.size();
        if (size < witnessed.size()) {
            return Optional.of("first bad entry: " + size + " (TRUNCATED): the table holds " + size
                    + " entries but the witnessed checkpoint covers " + witnessed.size());
        }
        try {
            if (size == witnessed.size()) {
                if (!java.security.MessageDigest.isEqual(merkle.root(size), witnessed.rootHash())) {
                    throw new InvalidProofException("the root of the " + size + " stored entries is not the witnessed root");
                }
            } else {
                merkle.consistencyProof(witnessed.size(), size).verify(witnessed.rootHash(), merkle.root(size));
            }
            return Optional.empty();
        } catch (InvalidProofException e) {
            return Optional.of(firstBadEntry(witnessed).orElse("the stored tree is not an extension of the witnessed checkpoint of size "
                    + witnessed.size() + ": " + e.getMessage()));
        }
    }

    /** On failure only: the full verification, to name the first bad entry. */
    private Optional<String> firstBadEntry(Checkpoint witnessed) {
        var auditor = new besa.ledger.LedgerAuditor(java.util.List.of(witnessed));
        auditLog.store().entries(0, auditor::accept);
        return auditor.finish().firstProblem().map(AuditStartupCheck::describe);
    }

    private static String describe(AuditFinding f) {
        return "first bad entry: " + f.index() + " (" + f.kind() + "): " + f.message();
    }
}
