package besa.api;

/** The resource the path names does not exist. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what, String id) {
        super("no " + what + " with id '" + id + "'");
    }
}
