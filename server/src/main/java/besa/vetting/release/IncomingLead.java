package besa.vetting.release;

/**
 * A lead as a partner sent it, before cleaning. The originator is not taken from the partner's text: the
 * receiver records the sending partner's agency (see {@link LeadRelease#receive}).
 *
 * @param handling 0..3 (H0–H3), kept as the partner gave it
 */
public record IncomingLead(String reference, String legalBasis, int handling, String platform, String kind, String value, String attribution) {}
