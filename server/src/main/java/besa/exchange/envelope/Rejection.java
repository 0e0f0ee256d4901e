package besa.exchange.envelope;

/**
 * Why an incoming message (or a receipt) was refused. {@code security} reasons are recorded as
 * SECURITY_ALERT in the audit trail; the others as DENIED.
 */
public enum Rejection {
    MALFORMED(true),
    TOO_LARGE(true),
    UNKNOWN_KEY(true),
    TAMPERED(true),
    BAD_SIGNATURE(true),
    WRONG_SENDER(true),
    MISADDRESSED(true),
    NOT_YET_VALID(true),
    EXPIRED(true),
    REPLAY(true),
    UNTRUSTED_CERTIFICATE(true),
    NOT_ALLOWED(false),
    /** Entities the store cannot take as they are (unknown type or property, invalid value or evaluation code): answered 400. */
    INVALID_CONTENT(false),
    NO_AGREEMENT(false),
    /** An attachment the message names has not been uploaded (whole, with its hash) yet: the sender uploads and retries. */
    MISSING_ATTACHMENT(false),
    /** The partner's uploads that no accepted message names yet would pass our quota: answered 507, the sender retries later. */
    OVER_QUOTA(false);

    private final boolean security;

    Rejection(boolean security) {
        this.security = security;
    }

    public boolean security() {
        return security;
    }
}
