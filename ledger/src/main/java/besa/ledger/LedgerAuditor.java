package besa.ledger;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Tamper detection over the stored audit table, in one streaming pass with O(log n) memory.
 * Feed the rows in index order with {@link #accept}, then call {@link #finish}. It detects:
 * <ul>
 *   <li>an altered row: data that no longer hashes to the stored leaf hash ({@code ALTERED_ENTRY});</li>
 *   <li>deleted rows: a gap in the indices ({@code MISSING_ENTRY}), or duplicated/reordered rows
 *       ({@code OUT_OF_ORDER});</li>
 *   <li>a truncated tail: fewer rows than the latest trusted checkpoint's size ({@code TRUNCATED});</li>
 *   <li>a table rebuilt with fresh consistent hashes: the tree recomputed from the data does not
 *       hash to a signed root ({@code ROOT_MISMATCH}). With several trusted checkpoints the report
 *       narrows the rewrite to the range after the last checkpoint that still matches.</li>
 * </ul>
 * The checkpoints must already be verified (see {@link CheckpointVerifier}). Findings come in entry
 * order; the first is the first bad entry. After a gap or reordering the tree can no longer be
 * aligned, so root checks stop, while per-row checks go on. Not thread-safe.
 */
public final class LedgerAuditor {

    private static final int MAX_FINDINGS = 1000;

    private final List<Checkpoint> checkpoints;
    private final Frontier frontier = new Frontier();
    private final List<AuditFinding> findings = new ArrayList<>();
    private long findingCount;
    private int nextCheckpoint;
    private long lastMatchedSize;
    private long expectedIndex;
    private long entriesRead;
    private boolean aligned = true;
    private byte[] rootAtLatest;
    private boolean finished;

    /** {@code trustedCheckpoints} may be empty (then only per-row checks run) and in any order. */
    public LedgerAuditor(List<Checkpoint> trustedCheckpoints) {
        List<Checkpoint> sorted = new ArrayList<>(trustedCheckpoints);
        sorted.sort(Comparator.comparingLong(Checkpoint::size));
        for (int i = 1; i < sorted.size(); i++) {
            Checkpoint a = sorted.get(i - 1);
            Checkpoint b = sorted.get(i);
            if (!a.origin().equals(b.origin())) {
                throw new IllegalArgumentException("trusted checkpoints name different logs: '" + a.origin()
                        + "' and '" + b.origin() + "'");
            }
            if (a.size() == b.size() && !MessageDigest.isEqual(a.rootHash(), b.rootHash())) {
                throw new IllegalArgumentException("two trusted checkpoints of size " + a.size()
                        + " have different roots: the log forked");
            }
        }
        this.checkpoints = List.copyOf(sorted);
        checkCheckpointsAtCurrentSize();
    }

    /** Runs the whole audit over {@code entries}. */
    public static AuditReport audit(Iterator<StoredEntry> entries, List<Checkpoint> trustedCheckpoints) {
        LedgerAuditor auditor = new LedgerAuditor(trustedCheckpoints);
        while (entries.hasNext()) {
            auditor.accept(entries.next());
        }
        return auditor.finish();
    }

    /** Checks the next row. */
    public void accept(StoredEntry entry) {
        if (finished) {
            throw new IllegalStateException("audit already finished");
        }
        entriesRead++;
        long index = entry.index();
        if (index != expectedIndex) {
            if (index > expectedIndex) {
                report(AuditFinding.Kind.MISSING_ENTRY, expectedIndex, (index - expectedIndex == 1
                        ? "entry " + expectedIndex + " is missing"
                        : "entries " + expectedIndex + " to " + (index - 1) + " are missing")
                        + " (the next stored entry is " + index + "): rows were deleted");
            } else {
                report(AuditFinding.Kind.OUT_OF_ORDER, index, "entry " + index + " comes after entry "
                        + (expectedIndex - 1) + ": rows were duplicated or reordered");
            }
            aligned = false;
        }
        expectedIndex = Math.max(expectedIndex, index + 1);

        byte[] computed = MerkleHashes.leafHash(entry.data());
        if (!MessageDigest.isEqual(computed, entry.leafHash())) {
            report(AuditFinding.Kind.ALTERED_ENTRY, index, "the data of entry " + index + " hashes to "
                    + HexFormat.of().formatHex(computed) + " but the stored leaf hash is "
                    + HexFormat.of().formatHex(entry.leafHash()) + ": the row was altered");
        }
        if (aligned) {
            frontier.appendLeafHash(computed);
            checkCheckpointsAtCurrentSize();
        }
    }

    /** Ends the pass and reports. */
    public AuditReport finish() {
        if (!finished) {
            finished = true;
            Checkpoint latest = latest();
            if (latest != null && expectedIndex < latest.size()) {
                report(AuditFinding.Kind.TRUNCATED, expectedIndex, "the table ends "
                        + (expectedIndex == 0 ? "empty" : "at entry " + (expectedIndex - 1))
                        + " but the trusted checkpoint covers " + latest.size() + " entries: entries "
                        + expectedIndex + " to " + (latest.size() - 1) + " were deleted");
            }
        }
        Checkpoint latest = latest();
        long unwitnessed = latest == null ? expectedIndex : Math.max(0, expectedIndex - latest.size());
        return new AuditReport(entriesRead, latest, rootAtLatest, unwitnessed, findings, findingCount);
    }

    private void checkCheckpointsAtCurrentSize() {
        while (nextCheckpoint < checkpoints.size() && checkpoints.get(nextCheckpoint).size() == frontier.size()) {
            Checkpoint checkpoint = checkpoints.get(nextCheckpoint++);
            byte[] root = frontier.root();
            if (checkpoint == latest()) {
                rootAtLatest = root;
            }
            if (MessageDigest.isEqual(root, checkpoint.rootHash())) {
                lastMatchedSize = checkpoint.size();
            } else if (findingCount == 0) {
                // Rows that each hash correctly but add up to another tree: rewritten wholesale.
                report(AuditFinding.Kind.ROOT_MISMATCH, lastMatchedSize, "entries " + lastMatchedSize + " to "
                        + (checkpoint.size() - 1) + " recompute to root " + HexFormat.of().formatHex(root)
                        + " but the signed checkpoint of size " + checkpoint.size() + " has root "
                        + HexFormat.of().formatHex(checkpoint.rootHash())
                        + ": the table was rewritten with fresh hashes at or after entry " + lastMatchedSize);
            }
        }
    }

    private Checkpoint latest() {
        return checkpoints.isEmpty() ? null : checkpoints.getLast();
    }

    private void report(AuditFinding.Kind kind, long index, String message) {
        findingCount++;
        if (findings.size() < MAX_FINDINGS) {
            findings.add(new AuditFinding(kind, index, message));
        }
    }
}
