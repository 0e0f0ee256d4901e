package besa.audit;

/**
 * An audit entry found by a search, decoded from its hashed data. {@code intact} is false when
 * the stored leaf hash is not the hash of the data, or the search columns disagree with the data
 * (someone changed the table behind the log's back; {@code besa audit verify} says more).
 */
public record FoundEntry(RecordedEvent entry, byte[] leafHash, boolean intact) {
    public long index() {
        return entry.index();
    }
}
