package besa.intel.model;

/** A value its property type cannot accept; the message says why, in words a user can act on. */
public class InvalidValueException extends IllegalArgumentException {
    public InvalidValueException(String message) {
        super(message);
    }
}
