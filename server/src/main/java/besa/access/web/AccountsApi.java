package besa.access.web;

import besa.access.Account;
import besa.access.AccountAdministration;
import besa.access.AccountStatus;
import besa.access.ApiTokens;
import besa.access.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Account administration over REST, for administrators ({@code /api/admin/**} is theirs only, see
 * SecurityConfig): accounts and their tokens, never anything they work on.
 */
@RestController
@RequestMapping("/api/admin/accounts")
class AccountsApi {
    private final AccountAdministration admin;

    AccountsApi(AccountAdministration admin) {
        this.admin = admin;
    }

    record NewAccountRequest(String username, String displayName, Set<Role> roles, Boolean service, String password, String officerId) {}

    record SuspendRequest(String reason, Instant until) {}

    record RolesRequest(Set<Role> roles, String reason, String officerId) {}

    record OfficerRequest(String officerId, String reason) {}

    record TokenRequest(String label, Integer days) {}

    /** An account as the API shows it: status spelled out, no password hash. */
    record AccountView(String username, String displayName, Set<Role> roles, AccountStatus status, Instant suspendedUntil,
                       String suspensionReason, boolean service, Instant lockedUntil, Instant createdAt, boolean officerLinked) {
        static AccountView of(Account a) {
            return new AccountView(a.username(), a.displayName(), a.roles(), a.status(), a.suspended() ? a.suspendedUntil() : null,
                    a.suspended() ? a.suspensionReason() : null, a.service(), a.lockedUntil(), a.createdAt(), a.officerLinked());
        }
    }

    record TokenIssued(long id, String username, String label, Instant expiresAt, String token) {}

    @GetMapping
    List<AccountView> list() {
        return admin.list().stream().map(AccountView::of).toList();
    }

    @GetMapping("/{username}")
    AccountView get(@PathVariable String username) {
        return AccountView.of(admin.get(username));
    }

    @PostMapping
    ResponseEntity<AccountView> create(@RequestBody NewAccountRequest r, Authentication auth, HttpServletRequest request) {
        Account a = admin.create(auth.getName(), request.getRemoteAddr(),
                new AccountAdministration.NewAccount(r.username(), r.displayName(), r.roles(), Boolean.TRUE.equals(r.service()), r.password(), r.officerId()));
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/admin/accounts/" + a.username()).body(AccountView.of(a));
    }

    @PostMapping("/{username}/disable")
    AccountView disable(@PathVariable String username, Authentication auth, HttpServletRequest request) {
        return AccountView.of(admin.disable(auth.getName(), request.getRemoteAddr(), username));
    }

    @PostMapping("/{username}/suspend")
    AccountView suspend(@PathVariable String username, @RequestBody SuspendRequest r, Authentication auth, HttpServletRequest request) {
        return AccountView.of(admin.suspend(auth.getName(), request.getRemoteAddr(), username, r.reason(), r.until()));
    }

    @PostMapping("/{username}/enable")
    AccountView enable(@PathVariable String username, Authentication auth, HttpServletRequest request) {
        return AccountView.of(admin.enable(auth.getName(), request.getRemoteAddr(), username));
    }

    @PutMapping("/{username}/roles")
    AccountView roles(@PathVariable String username, @RequestBody RolesRequest r, Authentication auth, HttpServletRequest request) {
        return AccountView.of(admin.changeRoles(auth.getName(), request.getRemoteAddr(), username, r.roles(), r.reason(), r.officerId()));
    }

    /** Links the account to the officer it is (needed before a vetting officer does vetting work). */
    @PutMapping("/{username}/officer")
    AccountView officer(@PathVariable String username, @RequestBody OfficerRequest r, Authentication auth, HttpServletRequest request) {
        return AccountView.of(admin.setOfficerId(auth.getName(), request.getRemoteAddr(), username, r.officerId(), r.reason()));
    }

    @PostMapping("/{username}/unlock")
    AccountView unlock(@PathVariable String username, Authentication auth, HttpServletRequest request) {
        return AccountView.of(admin.unlock(auth.getName(), request.getRemoteAddr(), username));
    }

    @GetMapping("/{username}/tokens")
    List<ApiTokens.TokenInfo> tokens(@PathVariable String username) {
        return admin.tokens(username);
    }

    /** A service account's token, in the answer only: it is not stored and cannot be shown again. */
    @PostMapping("/{username}/tokens")
    ResponseEntity<TokenIssued> issue(@PathVariable String username, @RequestBody TokenRequest r, Authentication auth, HttpServletRequest request) {
        ApiTokens.IssuedToken t = admin.issueServiceToken(auth.getName(), request.getRemoteAddr(), username, r.label(),
                r.days() == null ? null : Duration.ofDays(r.days()));
        return ResponseEntity.status(HttpStatus.CREATED).header("Cache-Control", "no-store")
                .body(new TokenIssued(t.info().id(), username, t.info().label(), t.info().expiresAt(), t.token()));
    }

    @DeleteMapping("/{username}/tokens/{id}")
    ResponseEntity<Void> revoke(@PathVariable String username, @PathVariable long id, Authentication auth, HttpServletRequest request) {
        if (!admin.revokeToken(auth.getName(), request.getRemoteAddr(), username, id)) {
            throw new java.util.NoSuchElementException("no usable token #" + id + " of '" + username + "'");
        }
        return ResponseEntity.noContent().build();
    }
}
