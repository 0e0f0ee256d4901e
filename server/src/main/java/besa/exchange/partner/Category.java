package besa.exchange.partner;

/** What kind of material an agreement lets cross to a partner. */
public enum Category {
    PERSON,
    ORGANISATION,
    VETTING_LEAD,
    CYBER_INDICATOR,
    OPERATION_RESULT
}
