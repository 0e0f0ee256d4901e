package besa.access;

import java.time.Instant;
import java.util.Set;

/**
 * An account as administrators see it: no password hash, nothing of what the user works on.
 *
 * @param suspendedUntil   end of a suspension, null when not suspended or suspended until re-enabled
 * @param suspensionReason why it is suspended; null when it is not
 * @param lockedUntil      end of a lockout after failed logins, null when not locked
 * @param officerLinked    whether the account names the officer it is (needed for vetting work); never the id itself
 */
public record Account(String username, String displayName, Set<Role> roles, boolean enabled, boolean suspended,
                      Instant suspendedUntil, String suspensionReason, boolean service, Instant lockedUntil, Instant createdAt,
                      boolean officerLinked) {

    /** A vetting officer without an officer id: refused vetting work until an administrator sets one. */
    public boolean needsOfficerId() {
        return roles.contains(Role.VETTING_OFFICER) && !officerLinked;
    }

    public AccountStatus status() {
        if (!enabled) return AccountStatus.DISABLED;
        return suspended ? AccountStatus.SUSPENDED : AccountStatus.ACTIVE;
    }

    public boolean locked() {
        return lockedUntil != null;
    }
}
