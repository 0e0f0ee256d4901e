package besa.vetting.release;

import java.time.Instant;

/**
 * A lead as it may leave the vetting unit: the partner-facing fields only (no intelligence entity id, no
 * officer, no alert or case). {@code id} is the local row's id, for the sender's bookkeeping only: it
 * never travels.
 *
 * @param handling 0..3 (H0–H3)
 * @param kind     PHONE, IMEI, ACCOUNT, PIN, NAME, VEHICLE or ADDRESS
 * @param value    the clean value (E.164 phone, 15-digit IMEI …)
 * @param receivedFrom the id of the partner that sent the lead through the exchange; null when it was imported
 *                     here. Onward rules decide by it, never by the originator's name (docs/adr/0006)
 */
public record ReleasableLead(long id, String reference, String originator, String legalBasis, int handling, String platform, String kind,
                             String value, String attribution, Instant receivedAt, String receivedFrom) {

    /** The lead's identity in every store: the lead table is unique on it. */
    public Key key() {
        return new Key(originator, reference, kind, value);
    }

    /** (originator, reference, kind, value): how a lead is named across nodes and in an approval. */
    public record Key(String originator, String reference, String kind, String value) {}
}
