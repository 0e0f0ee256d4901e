package besa.vetting.web;

import besa.vetting.alert.AlertDesk;
import besa.vetting.alert.AlertDetail;
import besa.vetting.alert.AlertPage;
import besa.vetting.alert.AlertQuery;
import besa.vetting.alert.Decision;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/vetting/alerts}: the queue (same filters as the page, paged), one alert with its factors,
 * evidence and decisions, and the unit's assignment, decisions and dismissal. Errors are problem details
 * ({@link AlertProblems}); an alert about the caller answers 404 like a missing one.
 */
@RestController
@RequestMapping("/api/vetting/alerts")
class AlertApi {
    private final AlertDesk desk;

    AlertApi(AlertDesk desk) {
        this.desk = desk;
    }

    record Assign(String assignee) {}

    record DecisionBody(String verdict, String factorKey, String reason) {}

    record Dismiss(String reason) {}

    @GetMapping
    AlertPage list(@RequestParam(required = false) List<String> status, @RequestParam(required = false) String assignee,
                   @RequestParam(required = false) String origin, @RequestParam(required = false) String minScore,
                   @RequestParam(required = false) String officer, @RequestParam(required = false) Integer page,
                   @RequestParam(required = false) Integer size, HttpServletRequest http) {
        return desk.queue(AlertQuery.parse(status, assignee, origin, minScore, officer, page, size), http.getRemoteAddr());
    }

    @GetMapping("/{id}")
    AlertDetail one(@PathVariable long id, HttpServletRequest http) {
        return desk.open(id, http.getRemoteAddr()).detail();
    }

    @PostMapping("/{id}/assign")
    Decision assign(@PathVariable long id, @RequestBody Assign body, HttpServletRequest http) {
        return desk.assign(id, body.assignee(), http.getRemoteAddr());
    }

    @PostMapping("/{id}/decisions")
    @ResponseStatus(HttpStatus.CREATED)
    Decision decide(@PathVariable long id, @RequestBody DecisionBody body, HttpServletRequest http) {
        return desk.decide(id, body.verdict(), body.factorKey(), body.reason(), http.getRemoteAddr());
    }

    @PostMapping("/{id}/dismiss")
    Decision dismiss(@PathVariable long id, @RequestBody Dismiss body, HttpServletRequest http) {
        return desk.dismiss(id, body.reason(), http.getRemoteAddr());
    }
}
