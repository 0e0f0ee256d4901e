package besa.exchange.hit;

import org.springframework.http.HttpStatus;

/** A hit or cross-match request refused: the HTTP status, the field at fault (or null) and why. */
class HitRefused extends RuntimeException {
    final HttpStatus status;
    final String field;

    HitRefused(HttpStatus status, String field, String detail) {
        super(detail);
        this.status = status;
        this.field = field;
    }
}
