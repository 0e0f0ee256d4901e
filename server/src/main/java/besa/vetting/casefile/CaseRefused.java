package besa.vetting.casefile;

/**
 * A case action that is refused. The reason is a message key of the {@code i18n/cases} bundle
 * ({@code cases.error.<code>}), so pages and the API explain it in the reader's language; {@code field}
 * says which input is at fault. NOT_FOUND is the one answer for a missing case, a case of which the
 * user is no member, and a case about the user himself.
 */
public class CaseRefused extends RuntimeException {
    /** Maps onto the HTTP status of the answer. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, FORBIDDEN }

    private final Kind kind;
    private final String field;
    private final String code;
    private final transient Object[] args;

    public CaseRefused(Kind kind, String field, String code, Object... args) {
        super(code);
        this.kind = kind;
        this.field = field;
        this.code = code;
        this.args = args;
    }

    static CaseRefused notFound() {
        return new CaseRefused(Kind.NOT_FOUND, null, "notFound");
    }

    static CaseRefused invalid(String field, String code, Object... args) {
        return new CaseRefused(Kind.INVALID, field, code, args);
    }

    public Kind kind() {
        return kind;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }

    public String messageKey() {
        return "cases.error." + code;
    }

    public Object[] args() {
        return args.clone();
    }
}
