package besa.audit;

import besa.ledger.AuditReport;
import besa.ledger.Checkpoint;
import besa.ledger.CheckpointVerifier;
import besa.ledger.InvalidCheckpointException;
import besa.ledger.LedgerAuditor;
import java.util.List;
import java.util.Optional;

/**
 * {@code besa audit verify}: recomputes the Merkle tree from the audit table and checks it against
 * the latest checkpoint in the witness folder (not the database), whose signature must verify with
 * the log key. Finds altered rows, deleted rows, a truncated tail and a table rebuilt with fresh hashes.
 */
public final class AuditVerifier {
    private AuditVerifier() {}

    /** The verification's outcome: the checkpoint it relied on (empty if the folder held none) and the ledger report. */
    public record Result(Optional<Checkpoint> checkpoint, AuditReport report) {}

    /** Throws {@link InvalidCheckpointException} when the latest checkpoint in the folder is forged or foreign. */
    public static Result verify(AuditStore store, FileWitness folder, CheckpointVerifier logKey) throws InvalidCheckpointException {
        Optional<Checkpoint> latest = folder.latest(logKey);
        LedgerAuditor auditor = new LedgerAuditor(latest.map(List::of).orElse(List.of()));
        store.entries(0, auditor::accept);
        return new Result(latest, auditor.finish());
    }
}
