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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /vetting/screening}: the history of screening runs and a button for a full run now. Vetting officers only. */
@Controller
class ScreeningPage {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final VettingAccess access;
    private final ScreeningService screening;
    private final ScreeningRuns runs;
    private final AuditLog audit;

    ScreeningPage(VettingAccess access, ScreeningService screening, ScreeningRuns runs, AuditLog audit) {
        this.access = access;
        this.screening = screening;
        this.runs = runs;
        this.audit = audit;
    }

    /** Formats instants for the template. */
    public static final class Times {
        public String of(Instant t) {
            return t == null ? "" : TIME.format(t);
        }
    }

    @GetMapping("/vetting/screening")
    String page(Model model, HttpServletRequest http) {
        List<ScreeningRuns.Run> list = access.read(scope -> {
            List<ScreeningRuns.Run> l = runs.recent(50);
            audit.record(new AuditEvent(scope.username(), AuditAction.CONSULTATION, "screening run history (" + l.size() + " runs)", "", "",
                    AuditOutcome.SUCCESS, http.getRemoteAddr()));
            return l;
        });
        model.addAttribute("runs", list);
        model.addAttribute("times", new Times());
        return "vetting/screening";
    }

    @PostMapping("/vetting/screening/run")
    String run(RedirectAttributes redirect) {
        String user = access.read(scope -> scope.username());
        try {
            Screening.RunReport r = screening.runFull(user);
            redirect.addFlashAttribute("done", r);
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("failed", true);
        }
        return "redirect:/vetting/screening";
    }
}
