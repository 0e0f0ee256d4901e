package besa.ledger;

/**
 * A checkpoint or signed note that is malformed, carries a bad signature, is not signed by the
 * trusted key, or belongs to another log; the message says which, where and why.
 */
public final class InvalidCheckpointException extends Exception {
    public InvalidCheckpointException(String message) {
        super(message);
    }

    public InvalidCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
