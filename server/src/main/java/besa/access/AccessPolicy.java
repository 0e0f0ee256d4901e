package besa.access;

import java.util.Optional;
import java.util.function.Function;

/**
 * The one place that decides who reads what. Deny by default: a user reads intelligence only with
 * an intelligence role (analyst, vetting officer, liaison officer, operations commander) or, as an
 * administrator, with a live {@link BreakGlass} grant; then only statements at or below his handling
 * clearance and from sources whose originator does not restrict them to other roles; entities in a
 * compartment (case, operation, vetting file) only as its member; vetting material never while his
 * own vetting is open, and never about himself. Everything else reads nothing.
 *
 * <p>Stores take the {@link ReadScope} this returns and put its conditions into their queries. Read
 * paths call {@link #read} (or {@link #readEntity}) so that the work runs in a read-only transaction
 * carrying the row-level security settings of the user.
 */
public interface AccessPolicy {

    /**
     * Whether the current user may collect intelligence (import files): only the collecting roles
     * (analyst, liaison officer, vetting officer) of an enabled account, and never an administrator,
     * break-glass or not (break-glass is for reading in an emergency, not for writing).
     */
    boolean mayCollect();

    /**
     * The scope an import of the current user runs in (it may only touch what he may read), or
     * {@link org.springframework.security.access.AccessDeniedException} (403) when he may not collect.
     */
    default ReadScope requireCollect() {
        if (!mayCollect()) throw new org.springframework.security.access.AccessDeniedException("your role may not import intelligence");
        ReadScope scope = scope();
        if (scope.readsNothing()) throw new org.springframework.security.access.AccessDeniedException("your account may not import intelligence");
        return scope;
    }

    /** The scope of the current request's user, loaded fresh (a revoked membership is gone now). */
    ReadScope scope();

    /** Runs {@code work} in a read-only transaction with the current user's scope and database settings. */
    <T> T read(Function<ReadScope, T> work);

    /** As {@link #read(Function)} with a scope loaded earlier (e.g. a response streamed on another thread). */
    <T> T read(ReadScope scope, Function<ReadScope, T> work);

    /**
     * Reads one entity. When the answer is empty, whether the record is missing, hidden by the policy,
     * or vetting material about the user himself is noted on the request for the audit trail
     * ({@link Denial#ATTRIBUTE}); the caller answers all three the same way: not found.
     */
    <T> Optional<T> readEntity(String id, Function<ReadScope, Optional<T>> find);

    /**
     * The current request's justification: the {@link Justification#HEADER} header, else the purpose
     * stored in the session. Throws {@link JustificationRequiredException} when the header is malformed.
     */
    Optional<Justification> justification();

    /** Whether the request carries a valid justification (a malformed header counts as none). */
    default boolean justified() {
        try {
            return justification().isPresent();
        } catch (JustificationRequiredException e) {
            return false;
        }
    }

    /** The justification, or {@link JustificationRequiredException} naming the header and its format. */
    default Justification requireJustification() {
        return justification().orElseThrow(() -> new JustificationRequiredException(
                "a search for persons or a person's record needs a justification in the header " + Justification.HEADER
                        + ": " + Justification.FORMAT));
    }
}
