package besa.ledger;

/** A proof that is malformed or does not lead to the expected root; the message says which and why. */
public final class InvalidProofException extends Exception {
    public InvalidProofException(String message) {
        super(message);
    }
}
