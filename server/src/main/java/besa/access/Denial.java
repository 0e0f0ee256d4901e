package besa.access;

/**
 * Why a read was refused. Callers answer every denial exactly like a record that does not exist;
 * the kind goes only to the audit trail, which reads it from the request attribute {@link #ATTRIBUTE}.
 */
public enum Denial {
    /** The record exists but the policy hides it (role, clearance, originator, need-to-know). */
    POLICY,
    /** The record is vetting material about the requesting officer himself: a security alert. */
    SUBJECT_PROTECTION;

    /** Request attribute holding the {@link Denial} of the current request, for the audit filter. */
    public static final String ATTRIBUTE = "besa.access.denial";
}
