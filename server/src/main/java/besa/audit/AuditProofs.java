package besa.audit;

import besa.ledger.Checkpoint;
import besa.ledger.MerkleLog;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Inclusion proofs of single entries, as {@code besa audit proof} prints them and
 * {@code besa audit proof --verify} checks them: to the newest witnessed checkpoint when it
 * covers the entry, else to the table's current root.
 */
public final class AuditProofs {
    private AuditProofs() {}

    /** A proof, and the witnessed checkpoint its root is (empty: the current, unwitnessed root). */
    public record EntryProof(InclusionProofText text, Optional<Checkpoint> witnessed) {}

    /**
     * Throws IllegalArgumentException when there is no such entry, IllegalStateException when the
     * table no longer matches the witnessed checkpoint.
     */
    public static EntryProof prove(AuditLog auditLog, String origin, Optional<Checkpoint> latest, long entry) {
        MerkleLog log = auditLog.merkleLog();
        long current = log.size();
        if (entry < 0 || entry >= current) {
            throw new IllegalArgumentException("no audit entry " + entry + (current == 0 ? ": the trail is empty"
                    : ": the trail holds entries 0 to " + (current - 1)));
        }
        Optional<Checkpoint> witnessed = latest.filter(c -> c.size() > entry && c.size() <= current);
        long size = witnessed.map(Checkpoint::size).orElse(current);
        byte[] root = log.root(size);
        if (witnessed.isPresent() && !MessageDigest.isEqual(root, witnessed.get().rootHash())) {
            throw new IllegalStateException("the audit table no longer matches the witnessed checkpoint of size " + size
                    + "; run besa audit verify");
        }
        byte[] data = auditLog.store().data(entry);
        return new EntryProof(new InclusionProofText(origin, data, log.leafHash(entry), root, log.inclusionProof(entry, size)), witnessed);
    }
}
