package besa.vetting.alert;

/**
 * A queue filter, assignment or decision that is refused. The reason is a message key of the
 * {@code i18n/alerts} bundle ({@code alerts.error.<code>}), so the page and the API explain it in the
 * reader's language; {@code field} says where the fault is and {@code value} what was given.
 */
public class AlertRefused extends RuntimeException {
    /** Maps onto the HTTP status of the answer. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String field;
    private final String value;
    private final String code;
    private final transient Object[] args;

    public AlertRefused(Kind kind, String field, String value, String code, Object... args) {
        super(code + (field == null ? "" : " (" + field + ")"));
        this.kind = kind;
        this.field = field;
        this.value = value;
        this.code = code;
        this.args = args;
    }

    /** Bad input; the value given (when there is one) is the message's first argument, then {@code args}. */
    static AlertRefused invalid(String field, String value, String code, Object... args) {
        if (value == null) return new AlertRefused(Kind.INVALID, field, null, code, args);
        Object[] all = new Object[args.length + 1];
        all[0] = value;
        System.arraycopy(args, 0, all, 1, args.length);
        return new AlertRefused(Kind.INVALID, field, value, code, all);
    }

    public Kind kind() {
        return kind;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }

    /** The value given for {@link #field}, or null. */
    public String value() {
        return value;
    }

    public String code() {
        return code;
    }

    public String messageKey() {
        return "alerts.error." + code;
    }

    public Object[] args() {
        return args.clone();
    }
}
