package besa.access;

/**
 * Something happened to an account's second factors. Published synchronously by {@link SecondFactors}
 * (and the passkey store); the audit module records it, and a failure to record fails the change.
 *
 * @param username      whose credentials
 * @param kind          what happened
 * @param detail        which credential: "TOTP", "passkey 'label'", "recovery codes"
 * @param clientAddress the client's network address, or empty
 */
public record CredentialEvent(String username, Kind kind, String detail, String clientAddress) {
    public enum Kind {
        /** A second factor was added or replaced. */
        ENROLLED,
        /** A second factor was removed. */
        REMOVED,
        /** A new set of recovery codes replaced the old one. */
        RECOVERY_CODES_ISSUED,
        /** A recovery code was spent to sign in. */
        RECOVERY_CODE_USED
    }

    public CredentialEvent {
        clientAddress = clientAddress == null ? "" : clientAddress;
    }
}
