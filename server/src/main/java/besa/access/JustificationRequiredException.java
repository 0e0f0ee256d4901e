package besa.access;

/** A person search or a person's record asked for without a (valid) justification. */
public class JustificationRequiredException extends RuntimeException {
    public JustificationRequiredException(String message) {
        super(message);
    }
}
