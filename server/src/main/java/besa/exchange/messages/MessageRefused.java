package besa.exchange.messages;

import org.springframework.http.HttpStatus;

/** A composer, approval or reading request refused: the HTTP status, the field concerned (or null) and why. */
public class MessageRefused extends RuntimeException {
    private final HttpStatus status;
    private final String field;

    public MessageRefused(HttpStatus status, String field, String detail) {
        super(detail);
        this.status = status;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }
}
