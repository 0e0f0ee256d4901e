package besa.ledger;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Outcome of {@link LedgerAuditor}: how many entries were read, the latest trusted checkpoint,
 * the root recomputed at its size (null if the table never reached it), entries after it (not yet
 * witnessed), and the findings in entry order (capped; {@code findingCount} is the total).
 */
public record AuditReport(long entriesRead, Checkpoint latestCheckpoint, byte[] recomputedRoot,
                          long unwitnessedEntries, List<AuditFinding> findings, long findingCount) {

    public AuditReport {
        findings = List.copyOf(findings);
    }

    /** True when no problem was found. */
    public boolean ok() {
        return findingCount == 0;
    }

    /** The first bad entry, if any: this is what {@code besa audit verify} names. */
    public Optional<AuditFinding> firstProblem() {
        return findings.stream().findFirst();
    }

    /** A one-paragraph summary for the command line. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        if (ok()) {
            out.append("OK: ").append(entriesRead).append(" entries verified");
        } else {
            out.append("TAMPERED: ").append(findingCount).append(" problem(s); first: ").append(findings.getFirst());
        }
        if (latestCheckpoint != null) {
            out.append("; checkpoint ").append(latestCheckpoint.origin()).append(" size ").append(latestCheckpoint.size());
            if (recomputedRoot != null) {
                out.append(", recomputed root ").append(HexFormat.of().formatHex(recomputedRoot));
            }
        }
        if (unwitnessedEntries > 0) {
            out.append("; ").append(unwitnessedEntries).append(" newer entries not yet covered by a checkpoint");
        }
        return out.toString();
    }
}
