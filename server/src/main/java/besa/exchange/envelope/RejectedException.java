package besa.exchange.envelope;

/** An incoming message or receipt refused, with the reason and a detail for the audit trail. */
public class RejectedException extends Exception {
    private final Rejection reason;

    public RejectedException(Rejection reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Rejection reason() {
        return reason;
    }
}
