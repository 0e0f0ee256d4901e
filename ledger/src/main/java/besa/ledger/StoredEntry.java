package besa.ledger;

/**
 * One row of the audit table as read back for verification: its index in the log, the leaf
 * data (the canonical bytes of the audit event) and the leaf hash stored beside it.
 */
public record StoredEntry(long index, byte[] data, byte[] leafHash) {
    public StoredEntry {
        if (data == null) {
            throw new IllegalArgumentException("entry " + index + " has no data");
        }
        if (leafHash == null) {
            throw new IllegalArgumentException("entry " + index + " has no stored leaf hash");
        }
    }
}
