package besa.ledger;

/** One problem found by {@link LedgerAuditor}: what kind, at which entry, and a sentence for the operator. */
public record AuditFinding(Kind kind, long index, String message) {

    public enum Kind {
        /** The entry's data does not hash to its stored leaf hash: the row was edited. */
        ALTERED_ENTRY,
        /** Indices jump: the rows in between were deleted. */
        MISSING_ENTRY,
        /** An index repeats or goes backwards: rows were duplicated or reordered. */
        OUT_OF_ORDER,
        /** The table ends before the size a trusted checkpoint signed: the tail was deleted. */
        TRUNCATED,
        /**
         * Every row is self-consistent but the tree does not hash to the signed root: the table was
         * rewritten with fresh, consistent hashes somewhere in {@code [index, checkpoint size)}.
         */
        ROOT_MISMATCH
    }

    @Override
    public String toString() {
        return kind + " at entry " + index + ": " + message;
    }
}
