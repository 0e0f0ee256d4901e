package besa.match.data;

/** Bad input the user can fix: a missing column, an unreadable file, a malformed row. */
public class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
