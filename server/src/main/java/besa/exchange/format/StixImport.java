package besa.exchange.format;

import besa.intel.model.Handling;

/**
 * How to store a STIX bundle: the Besa source it goes into, and what STIX does not say.
 *
 * @param source the source id (letters, digits, . _ -)
 * @param title the source's title (defaults to the source id)
 * @param legalBasis the legal basis for holding the data (objects carrying {@code x_besa_legal_basis} keep theirs)
 * @param originator used for objects without {@code created_by_ref} (may be null: then such objects are refused)
 * @param reliability source reliability A/B/C/X for the evaluation code (STIX has none; {@code x_besa_evaluation} wins)
 * @param handling the handling code of objects without a TLP or statement marking
 */
public record StixImport(String source, String title, String legalBasis, String originator, char reliability, Handling handling) {
    public StixImport {
        if (source == null || !source.matches("[A-Za-z0-9._-]+")) throw new IllegalArgumentException("source must be letters, digits, . _ or -, not '" + source + "'");
        if (legalBasis == null || legalBasis.isBlank()) throw new IllegalArgumentException("a legal basis is required");
        if ("ABCX".indexOf(reliability) < 0) throw new IllegalArgumentException("reliability must be A, B, C or X, not " + reliability);
        if (handling == null) throw new IllegalArgumentException("a default handling code is required");
        title = title == null || title.isBlank() ? source : title;
    }
}
