package besa.vetting.web;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.vetting.VettingAccess;
import besa.vetting.screening.Screening;
import besa.vetting.screening.ScreeningRuns;
import besa.vetting.screening.ScreeningService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/vetting/screening}: a full screening run on demand (it answers when the run is done, with
 * what it did) and the history of runs. Vetting officers only ({@link VettingAccess}: 403 otherwise).
 */
@RestController
@RequestMapping("/api/vetting/screening")
class ScreeningApi {
    private final VettingAccess access;
    private final ScreeningService screening;
    private final ScreeningRuns runs;
    private final AuditLog audit;

    ScreeningApi(VettingAccess access, ScreeningService screening, ScreeningRuns runs, AuditLog audit) {
        this.access = access;
        this.screening = screening;
        this.runs = runs;
        this.audit = audit;
    }

    /**
     * What a run did, with its duration in milliseconds. No findings or alert counts: a vetting officer
     * who is himself screened would read "1 new" while his queue shows nothing (they stay in the log and
     * in {@code screening_run} for operators).
     */
    record Report(String kind, int officers, long entities, long millis) {
        static Report of(Screening.RunReport r) {
            return new Report(r.kind(), r.officers(), r.entities(), r.took().toMillis());
        }
    }

    /** A past run as users see it (no counts of findings or alerts, as above). */
    record RunView(long id, String kind, String requestedBy, java.time.Instant startedAt, java.time.Instant finishedAt, int officers, long entities,
            String error) {
        static RunView of(ScreeningRuns.Run r) {
            return new RunView(r.id(), r.kind(), r.requestedBy(), r.startedAt(), r.finishedAt(), r.officers(), r.entities(), r.error());
        }
    }

    /** Runs a full screening now, for the current vetting officer (the run itself is audited in his name). */
    @PostMapping("/run")
    Report run() {
        String user = access.read(scope -> scope.username()); // 403 before anything runs
        return Report.of(screening.runFull(user));
    }

    @GetMapping("/runs")
    List<RunView> history(@RequestParam(defaultValue = "50") int limit, HttpServletRequest http) {
        int n = Math.max(1, Math.min(limit, 500));
        return access.read(scope -> {
            List<ScreeningRuns.Run> list = runs.recent(n);
            audit.record(new AuditEvent(scope.username(), AuditAction.CONSULTATION, "screening run history (" + list.size() + " runs)", "", "",
                    AuditOutcome.SUCCESS, http.getRemoteAddr()));
            return list.stream().map(RunView::of).toList();
        });
    }
}
