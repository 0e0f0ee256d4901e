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

    /** The roles that read intelligence (or the trail that records it): never an administrator's. */
    private static final java.util.Set<Role> NOT_WITH_ADMINISTRATOR =
            java.util.EnumSet.of(ANALYST, VETTING_OFFICER, LIAISON_OFFICER, OPERATIONS_COMMANDER, AUDITOR);

    /**
     * Separation of duties (the database enforces the same rule, V86): an administrator manages
     * accounts and reads nothing, so ADMINISTRATOR goes with no reading role nor with AUDITOR; a
     * service account is never an administrator or auditor.
     *
     * @throws IllegalArgumentException naming the combination refused
     */
    public static void checkSeparation(java.util.Set<Role> roles, boolean service) {
        if (roles.contains(ADMINISTRATOR)) {
            var clash = roles.stream().filter(NOT_WITH_ADMINISTRATOR::contains).sorted().map(Role::name).toList();
            if (!clash.isEmpty()) {
                throw new IllegalArgumentException("ADMINISTRATOR cannot be combined with " + String.join(", ", clash)
                        + ": administrators manage accounts and never read intelligence or review themselves");
            }
        }
        if (service && (roles.contains(ADMINISTRATOR) || roles.contains(AUDITOR))) {
            throw new IllegalArgumentException("a service account cannot be ADMINISTRATOR or AUDITOR");
        }
    }
}
