package besa.exchange.partner.web;

import besa.exchange.partner.PartnerAdmin;
import besa.exchange.partner.PartnerAdmin.Change;
import besa.exchange.partner.PartnerAdmin.PermissionView;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST of the originators' forwarding permissions, for liaison officers (SecurityConfig). Recording one widens where
 * a partner's material may go, so it is a request a second officer approves (202, the pending change); withdrawing
 * one narrows and applies at once.
 */
@RestController
@RequestMapping("/api/exchange/permissions")
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class PermissionsApi {
    record PermissionRequest(String originator, String recipient, String entity, String reference) {}

    record Reason(String reason) {}

    private final PartnerAdmin admin;

    PermissionsApi(PartnerAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    List<PermissionView> permissions() {
        return admin.permissions();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Change request(Authentication who, @RequestBody PermissionRequest b, HttpServletRequest http) {
        return admin.requestPermission(who.getName(), b.originator(), b.recipient(), b.entity(), b.reference(), http.getRemoteAddr());
    }

    @GetMapping("/requests")
    List<Change> pending() {
        return admin.pendingPermissions();
    }

    @PostMapping("/requests/{change}/approve")
    Change approve(Authentication who, @PathVariable UUID change, @RequestBody(required = false) Reason b, HttpServletRequest http) {
        return admin.approve(who.getName(), permissionChange(change), b == null ? null : b.reason(), http.getRemoteAddr());
    }

    @PostMapping("/requests/{change}/reject")
    Change reject(Authentication who, @PathVariable UUID change, @RequestBody(required = false) Reason b, HttpServletRequest http) {
        return admin.reject(who.getName(), permissionChange(change), b == null ? null : b.reason(), http.getRemoteAddr());
    }

    @PostMapping("/{id}/withdraw")
    PermissionView withdraw(Authentication who, @PathVariable long id, @RequestBody(required = false) Reason b, HttpServletRequest http) {
        return admin.withdrawPermission(who.getName(), id, b == null ? null : b.reason(), http.getRemoteAddr());
    }

    /** Only permission requests are decided here (the registry's other changes under /api/exchange/partners/changes). */
    private UUID permissionChange(UUID id) {
        admin.change(id).filter(c -> "PERMISSION".equals(c.kind()))
                .orElseThrow(() -> new PartnerAdmin.Refused(HttpStatus.NOT_FOUND, null, "no forwarding permission request " + id));
        return id;
    }
}
