package besa.exchange.sharing;

import besa.vetting.release.LeadRelease;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST for the vetting unit (role VETTING_OFFICER, SecurityConfig's {@code /api/vetting/**}): lead packages of daily
 * sharing waiting for release, and the decision on one (ADR 0006). The rule itself is the service's
 * (Messages / LeadApproval), so the liaison officers' {@code /api/exchange/sharing/packages/{id}/approve} refuses a
 * lead package the same way. Every handler passes the vetting gate first (LeadRelease.gate), as every vetting API does.
 */
@RestController
@RequestMapping("/api/vetting/releases")
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class LeadReleaseApi {
    private final DailySharing sharing;
    private final LeadRelease gate;

    LeadReleaseApi(DailySharing sharing, LeadRelease gate) {
        this.sharing = sharing;
        this.gate = gate;
    }

    /** Lead packages the caller may release: not from his own schedules, within his clearance, every lead readable by him. */
    @GetMapping
    List<DailySharing.LeadPackage> pending(Authentication who) {
        gate.gate(); // a barred vetting officer: the neutral 403 and SECURITY_ALERT of every vetting API (SharingProblems)
        return sharing.pendingLeadsFor(who.getName());
    }

    @PostMapping("/{id}/approve")
    SharingPackage approve(Authentication who, @PathVariable UUID id, @RequestBody(required = false) SharingApi.Decision body, HttpServletRequest http) {
        gate.gate();
        return sharing.approve(who.getName(), id, body == null ? null : body.reason(), http.getRemoteAddr());
    }

    @PostMapping("/{id}/refuse")
    SharingPackage refuse(Authentication who, @PathVariable UUID id, @RequestBody(required = false) SharingApi.Decision body, HttpServletRequest http) {
        gate.gate();
        return sharing.refuse(who.getName(), id, body == null ? null : body.reason(), http.getRemoteAddr());
    }
}
