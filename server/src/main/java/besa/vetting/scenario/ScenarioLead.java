package besa.vetting.scenario;

/**
 * One row of a partner's integrity lead list (V90 {@code lead}): one identifier the partner links to
 * police, under the partner's reference.
 *
 * @param kind  PHONE, IMEI, ACCOUNT, PIN, NAME, ...
 * @param value clean (E.164, 15-digit IMEI, handle as given)
 */
public record ScenarioLead(String reference, String originator, String legalBasis, int handling, String platform, String kind,
        String value, String original, String attribution, String entityId) {}
