package besa.breakglass;

/** Why an administrator breaks the glass; the free-text justification says the rest. */
public enum Reason {
    /** A person's life or safety is at risk now. */
    LIFE_AT_RISK,
    /** A running operation needs data its members cannot reach (e.g. an officer unavailable). */
    OPERATION_URGENT,
    /** A court order or legal deadline. */
    LEGAL_OBLIGATION,
    /** A data or system incident that needs the content to be looked at. */
    INCIDENT_RESPONSE,
    OTHER
}
