package besa.audit;

/**
 * The audit event could not be written durably. The action that caused it must fail (fail closed):
 * the web layer answers HTTP 503 with no data.
 */
public class AuditUnavailableException extends RuntimeException {
    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
