package besa.exchange.attachment;

/** An attachment refused: HTTP status (413 too large or too many, 400 bad, 404 unknown, 409 in use), field and why. */
public class AttachmentRefused extends RuntimeException {
    private final int status;
    private final String field;

    public AttachmentRefused(int status, String field, String detail) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
