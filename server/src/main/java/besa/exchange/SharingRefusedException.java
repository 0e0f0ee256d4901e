package besa.exchange;

/** A message the agreement with its partner does not allow (or no agreement, or no usable key): nothing was queued. */
public class SharingRefusedException extends RuntimeException {
    public SharingRefusedException(String message) {
        super(message);
    }
}
