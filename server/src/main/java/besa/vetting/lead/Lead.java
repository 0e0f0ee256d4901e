package besa.vetting.lead;

import java.time.Instant;
import java.util.Locale;

/**
 * One identifier a partner links to police (e.g. a Sky ECC account Europol attributes to an officer).
 *
 * @param handling    0..3 (H0–H3): readable by users whose clearance is at least this
 * @param platform    upper case, words joined by _ (SKY_ECC, ENCROCHAT, ANOM …); null when not given
 * @param value       clean by kind: E.164 phone, 15-digit IMEI, plate without spaces, PIN upper case, name and account as written
 * @param attribution how the partner attributed it
 * @param entityId    the intelligence entity it concerns, when known
 */
public record Lead(long id, String reference, String originator, String legalBasis, int handling, String platform, Kind kind, String value,
        String original, String attribution, String entityId, Instant receivedAt, String importedBy) {

    public enum Kind {
        PHONE, IMEI, ACCOUNT, PIN, NAME, VEHICLE, ADDRESS;

        /** Any case; null for anything else. */
        public static Kind parse(String s) {
            if (s == null) return null;
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    public String handlingCode() {
        return "H" + handling;
    }
}
