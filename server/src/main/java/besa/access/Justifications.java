package besa.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/** Where a request's justification comes from: the API header, or the purpose the user set for his session. */
public final class Justifications {
    /** Session attribute holding the {@link Justification} set on the purpose page. */
    public static final String SESSION_ATTRIBUTE = "besa.purpose";

    private Justifications() {}

    /** The justification of the request; throws {@link JustificationRequiredException} for a malformed header. */
    public static Optional<Justification> of(HttpServletRequest request) {
        String header = request.getHeader(Justification.HEADER);
        if (header != null) {
            try {
                return Optional.of(Justification.parse(header));
            } catch (IllegalArgumentException e) {
                throw new JustificationRequiredException("the header " + Justification.HEADER + " is not valid: " + e.getMessage());
            }
        }
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(SESSION_ATTRIBUTE) instanceof Justification j ? Optional.of(j) : Optional.empty();
    }

    /** For the audit trail: the justification as written, what was sent if it is malformed, or empty. */
    public static String describe(HttpServletRequest request) {
        try {
            return of(request).map(Justification::toString).orElse("");
        } catch (JustificationRequiredException e) {
            String raw = request.getHeader(Justification.HEADER);
            return "(invalid) " + (raw.length() > 200 ? raw.substring(0, 200) : raw);
        }
    }
}
