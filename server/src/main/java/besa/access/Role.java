package besa.access;

/** What a user does in the force; authorisation starts from the role, then need-to-know. */
public enum Role {
    ANALYST,
    VETTING_OFFICER,
    LIAISON_OFFICER,
    OPERATIONS_COMMANDER,
    TRAINING_COORDINATOR,
    AUDITOR,
    ADMINISTRATOR;

    public String authority() {
        return "ROLE_" + name();
    }
}
