package besa.access;

import java.time.Instant;
import java.util.Set;

/**
 * An account as administrators see it: no password hash, nothing of what the user works on.
 *
 * @param suspendedUntil   end of a suspension, null when not suspended or suspended until re-enabled
 * @param suspensionReason why it is suspended; null when it is not
 * @param lockedUntil      end of a lockout after failed logins, null when not locked
 */
public record Account(String username, String displayName, Set<Role> roles, boolean enabled, boolean suspended,
                      Instant suspendedUntil, String suspensionReason, boolean service, Instant lockedUntil, Instant createdAt) {

    public AccountStatus status() {
        if (!enabled) return AccountStatus.DISABLED;
        return suspended ? AccountStatus.SUSPENDED : AccountStatus.ACTIVE;
    }

    public boolean locked() {
        return lockedUntil != null;
    }
}
