package besa.breakglass;

/**
 * A break-glass request, end or review that is refused. The reason is a message key of the
 * {@code i18n/breakglass} bundle ({@code breakglass.error.<code>}), so pages and the API explain it
 * in the reader's language; {@code field} says where the fault is.
 */
public class BreakGlassRefused extends RuntimeException {
    /** Maps onto the HTTP status of the answer. */
    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String field;
    private final String code;
    private final transient Object[] args;

    public BreakGlassRefused(Kind kind, String field, String code, Object... args) {
        super(code);
        this.kind = kind;
        this.field = field;
        this.code = code;
        this.args = args;
    }

    public Kind kind() {
        return kind;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }

    public String messageKey() {
        return "breakglass.error." + code;
    }

    public Object[] args() {
        return args.clone();
    }
}
