package besa.exchange.sharing;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** REST for liaison officers (SecurityConfig): schedules, the calendar, the history, and decisions on packages. */
@RestController
@RequestMapping("/api/exchange/sharing")
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class SharingApi {
    record Decision(String reason) {}

    private final DailySharing sharing;
    private final Clock clock;

    SharingApi(DailySharing sharing, Clock clock) {
        this.sharing = sharing;
        this.clock = clock;
    }

    @GetMapping("/schedules")
    List<Schedule> schedules() {
        return sharing.schedules();
    }

    @GetMapping("/schedules/{id}")
    Schedule schedule(@PathVariable UUID id) {
        return sharing.schedule(id).orElseThrow(() -> new besa.exchange.messages.MessageRefused(HttpStatus.NOT_FOUND, null, "no sharing schedule " + id));
    }

    @PostMapping("/schedules")
    @ResponseStatus(HttpStatus.CREATED)
    Schedule create(Authentication who, @RequestBody ScheduleRequest body, HttpServletRequest http) {
        return sharing.create(who.getName(), body, http.getRemoteAddr());
    }

    @PutMapping("/schedules/{id}")
    Schedule update(Authentication who, @PathVariable UUID id, @RequestBody ScheduleRequest body, HttpServletRequest http) {
        return sharing.update(who.getName(), id, body, http.getRemoteAddr());
    }

    @PostMapping("/schedules/{id}/pause")
    Schedule pause(Authentication who, @PathVariable UUID id, HttpServletRequest http) {
        return sharing.setActive(who.getName(), id, false, http.getRemoteAddr());
    }

    @PostMapping("/schedules/{id}/resume")
    Schedule resume(Authentication who, @PathVariable UUID id, HttpServletRequest http) {
        return sharing.setActive(who.getName(), id, true, http.getRemoteAddr());
    }

    /** Due times of the next {@code days} days (1–31, default 14). */
    @GetMapping("/calendar")
    List<DailySharing.Due> calendar(@RequestParam(defaultValue = "14") int days) {
        return sharing.calendar(clock.instant(), Math.max(1, Math.min(days, 31)));
    }

    @GetMapping("/packages")
    List<SharingPackage> packages(@RequestParam(defaultValue = "100") int limit) {
        return sharing.liaisonHistory(Math.max(1, Math.min(limit, 500))); // lead packages without ids (ADR 0006)
    }

    @GetMapping("/packages/{id}")
    SharingPackage pkg(@PathVariable UUID id) {
        return sharing.liaisonPkg(id).orElseThrow(() -> new besa.exchange.messages.MessageRefused(HttpStatus.NOT_FOUND, null, "no sharing package " + id));
    }

    /** Packages waiting for the caller's decision: not from his own schedules, and only what he may read. */
    @GetMapping("/approvals")
    List<SharingPackage> approvals(Authentication who) {
        return sharing.pendingFor(who.getName());
    }

    @PostMapping("/packages/{id}/approve")
    SharingPackage approve(Authentication who, @PathVariable UUID id, @RequestBody(required = false) Decision body, HttpServletRequest http) {
        return sharing.approve(who.getName(), id, body == null ? null : body.reason(), http.getRemoteAddr());
    }

    @PostMapping("/packages/{id}/refuse")
    SharingPackage refuse(Authentication who, @PathVariable UUID id, @RequestBody(required = false) Decision body, HttpServletRequest http) {
        return sharing.refuse(who.getName(), id, body == null ? null : body.reason(), http.getRemoteAddr());
    }
}
