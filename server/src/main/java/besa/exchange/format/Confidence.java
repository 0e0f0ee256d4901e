package besa.exchange.format;

import besa.intel.model.InvalidValueException;
import tools.jackson.databind.JsonNode;

/**
 * STIX {@code confidence} (0-100) and the information-assessment half of Besa's evaluation code, as
 * the STIX 2.1 Admiralty mapping (Appendix A) bands it: 80-100 → 1 (confirmed), 60-79 → 2 (probably
 * true), 40-59 → 3 (possibly true), below 40 or absent → 4 (cannot be judged). Back: 1 → 90, 2 → 70,
 * 3 → 50, 4 → no confidence written. Source reliability (A/B/C/X) has no STIX field: it travels in
 * {@code x_besa_evaluation} or comes from the import.
 */
final class Confidence {
    private Confidence() {}

    static int toInfo(JsonNode confidence) {
        if (confidence.isMissingNode() || confidence.isNull()) return 4;
        if (!confidence.isIntegralNumber() || confidence.asInt() < 0 || confidence.asInt() > 100) {
            throw new InvalidValueException("must be an integer from 0 to 100, not " + confidence);
        }
        int c = confidence.asInt();
        return c >= 80 ? 1 : c >= 60 ? 2 : c >= 40 ? 3 : 4;
    }

    /** The confidence written for an information assessment, or null for 4 (unknown). */
    static Integer fromInfo(int info) {
        return switch (info) {
            case 1 -> 90;
            case 2 -> 70;
            case 3 -> 50;
            default -> null;
        };
    }
}
