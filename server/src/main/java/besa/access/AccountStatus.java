package besa.access;

/** Whether an account may be used now. Only {@link #ACTIVE} accounts log in, keep sessions and use tokens. */
public enum AccountStatus {
    ACTIVE,
    SUSPENDED,
    DISABLED
}
