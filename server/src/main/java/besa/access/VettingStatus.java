package besa.access;

/** A user's own vetting status: while under review or suspended he reads no H2/H3 material and no vetting material. */
public enum VettingStatus {
    CLEARED,
    UNDER_REVIEW,
    SUSPENDED
}
