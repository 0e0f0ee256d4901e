package besa.access;

/**
 * Whether a user holds a live break-glass grant (justified, time-boxed, audited). The break-glass
 * feature implements this as a Spring bean; {@link AccessPolicy} looks it up through an
 * {@code ObjectProvider}, so without such a bean nobody has a grant.
 *
 * <p>Called on every request that reads intelligence, for administrators only: it should answer
 * from one indexed query or a cache that a revocation or expiry invalidates at once.
 */
public interface BreakGlass {
    /** True while {@code username} holds an unexpired, unrevoked grant. */
    boolean active(String username);
}
