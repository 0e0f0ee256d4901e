package besa.access.web;

import besa.access.Account;
import besa.access.AccountAdministration;
import besa.access.ApiTokens;
import besa.access.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The administrators' accounts page ({@code /admin/**} is theirs only, see SecurityConfig): accounts,
 * their status and roles, and the tokens of service accounts. It shows no intelligence.
 * Every action answers with the page again, with the outcome or the error on top.
 */
@Controller
@RequestMapping("/admin/accounts")
class AccountsPage {
    private final AccountAdministration admin;

    AccountsPage(AccountAdministration admin) {
        this.admin = admin;
    }

    @GetMapping
    String list(Model model) {
        return page(model, null);
    }

    @PostMapping
    String create(@RequestParam String username, @RequestParam String displayName, @RequestParam(required = false) List<Role> roles,
                  @RequestParam(defaultValue = "false") boolean service, @RequestParam(required = false) String password,
                  @RequestParam(required = false) String officerId, Authentication auth, HttpServletRequest request, Model model) {
        return act(model, "accounts.done.created", username, () -> admin.create(auth.getName(), request.getRemoteAddr(),
                new AccountAdministration.NewAccount(username.strip(), displayName, roles == null ? Set.of() : EnumSet.copyOf(roles),
                        service, password, officerId)));
    }

    @PostMapping("/{username}/disable")
    String disable(@PathVariable String username, Authentication auth, HttpServletRequest request, Model model) {
        return act(model, "accounts.done.disabled", username, () -> admin.disable(auth.getName(), request.getRemoteAddr(), username));
    }

    @PostMapping("/{username}/suspend")
    String suspend(@PathVariable String username, @RequestParam String reason, @RequestParam(required = false) LocalDate until,
                   Authentication auth, HttpServletRequest request, Model model) {
        Instant end = until == null ? null : until.atStartOfDay(ZoneOffset.UTC).toInstant();
        return act(model, "accounts.done.suspended", username, () -> admin.suspend(auth.getName(), request.getRemoteAddr(), username, reason, end));
    }

    @PostMapping("/{username}/enable")
    String enable(@PathVariable String username, Authentication auth, HttpServletRequest request, Model model) {
        return act(model, "accounts.done.enabled", username, () -> admin.enable(auth.getName(), request.getRemoteAddr(), username));
    }

    @PostMapping("/{username}/roles")
    String roles(@PathVariable String username, @RequestParam(required = false) List<Role> roles,
                 @RequestParam(required = false) String reason, @RequestParam(required = false) String officerId, Authentication auth,
                 HttpServletRequest request, Model model) {
        return act(model, "accounts.done.roles", username, () -> admin.changeRoles(auth.getName(), request.getRemoteAddr(), username,
                roles == null ? Set.of() : EnumSet.copyOf(roles), reason, officerId));
    }

    @PostMapping("/{username}/unlock")
    String unlock(@PathVariable String username, Authentication auth, HttpServletRequest request, Model model) {
        return act(model, "accounts.done.unlocked", username, () -> admin.unlock(auth.getName(), request.getRemoteAddr(), username));
    }

    @GetMapping("/{username}/tokens")
    String tokens(@PathVariable String username, Model model) {
        model.addAttribute("tokens", admin.tokens(username));
        return page(model, username);
    }

    @PostMapping("/{username}/tokens")
    String issue(@PathVariable String username, @RequestParam String label, @RequestParam(defaultValue = "90") int days,
                 Authentication auth, HttpServletRequest request, Model model) {
        try {
            ApiTokens.IssuedToken t = admin.issueServiceToken(auth.getName(), request.getRemoteAddr(), username, label, Duration.ofDays(days));
            model.addAttribute("issued", t);
        } catch (IllegalArgumentException | IllegalStateException e) {
            model.addAttribute("failure", e.getMessage());
        }
        model.addAttribute("tokens", admin.tokens(username));
        return page(model, username);
    }

    @PostMapping("/{username}/tokens/{id}/revoke")
    String revoke(@PathVariable String username, @PathVariable long id, Authentication auth, HttpServletRequest request, Model model) {
        if (admin.revokeToken(auth.getName(), request.getRemoteAddr(), username, id)) model.addAttribute("done", "accounts.done.revoked");
        model.addAttribute("tokens", admin.tokens(username));
        return page(model, username);
    }

    /** An account that does not exist: the ordinary 404 page. */
    @ExceptionHandler(NoSuchElementException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String missing() {
        return "error/404";
    }

    private String act(Model model, String done, String username, Supplier<Account> action) {
        try {
            action.get();
            model.addAttribute("done", done);
            model.addAttribute("doneFor", username);
        } catch (IllegalArgumentException | IllegalStateException | NoSuchElementException e) {
            model.addAttribute("failure", e.getMessage());
        }
        return page(model, null);
    }

    private String page(Model model, String tokensOf) {
        model.addAttribute("accounts", admin.list());
        model.addAttribute("allRoles", Role.values());
        model.addAttribute("tokensOf", tokensOf);
        model.addAttribute("tokensOfService", tokensOf != null && admin.get(tokensOf).service());
        return "accounts";
    }
}
