package besa.vetting.web;

import besa.access.Justifications;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.vetting.VettingAccess;
import besa.vetting.insider.Canaries;
import besa.vetting.insider.InsiderQueue;
import besa.vetting.insider.InsiderWatch;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /vetting/insider}: the insider-watch queue (each alert links to its detail in the alert queue)
 * with a "run now" button; {@code /vetting/canaries}: the decoys, placed by marking an existing record
 * or by writing a quick decoy person. Vetting unit only; views audited as consultations, changes as
 * alterations (the target never names the canary: the trail is read outside the vetting unit).
 */
@Controller
class InsiderPages {
    static final String QUEUE_TARGET = "vetting/insider";
    static final String CANARIES_TARGET = "vetting/canaries";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final VettingAccess access;
    private final InsiderWatch watch;
    private final InsiderQueue queue;
    private final Canaries canaries;
    private final AuditLog audit;
    private final JdbcClient jdbc;

    InsiderPages(VettingAccess access, InsiderWatch watch, InsiderQueue queue, Canaries canaries, AuditLog audit, JdbcClient jdbc) {
        this.access = access;
        this.watch = watch;
        this.queue = queue;
        this.canaries = canaries;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    /** Formats instants for the templates. */
    public static final class Times {
        public String of(Instant t) {
            return t == null ? "" : TIME.format(t);
        }
    }

    @GetMapping("/vetting/insider")
    String queue(Authentication who, @RequestParam(defaultValue = "false") boolean all, HttpServletRequest http, Model model) {
        List<InsiderQueue.Item> items = access.read(scope -> queue.list(all, 500));
        record(who, AuditAction.CONSULTATION, QUEUE_TARGET, http);
        model.addAttribute("items", items);
        model.addAttribute("all", all);
        model.addAttribute("times", new Times());
        return "vetting/insider";
    }

    @PostMapping("/vetting/insider/run")
    String run(RedirectAttributes redirect) {
        access.read(scope -> null); // the gate
        redirect.addFlashAttribute("ran", watch.run().notice()); // no alert counts: see RunNotice
        return "redirect:/vetting/insider";
    }

    @GetMapping("/vetting/canaries")
    String canaries(Authentication who, HttpServletRequest http, Model model) {
        List<Canaries.Canary> list = access.read(scope -> canaries.list());
        List<String> sources = access.read(scope -> jdbc.sql("select id from source order by id").query(String.class).list());
        record(who, AuditAction.CONSULTATION, CANARIES_TARGET, http);
        model.addAttribute("canaries", list);
        model.addAttribute("sources", sources);
        model.addAttribute("times", new Times());
        return "vetting/canaries";
    }

    @PostMapping("/vetting/canaries")
    String mark(Authentication who, @RequestParam(required = false) String entityId, @RequestParam(required = false) String note,
                HttpServletRequest http, RedirectAttributes redirect) {
        return change(redirect, "insider.canary.marked", () -> access.write(scope -> {
            canaries.mark(entityId, note, who.getName());
            record(who, AuditAction.ALTERATION, CANARIES_TARGET + ": canary placed", http);
            return null;
        }));
    }

    @PostMapping("/vetting/canaries/decoys")
    String decoy(Authentication who, @RequestParam(required = false) String name, @RequestParam(required = false) String birthDate,
                 @RequestParam(required = false) String sourceId, @RequestParam(required = false) String handling,
                 @RequestParam(required = false) String note, HttpServletRequest http, RedirectAttributes redirect) {
        return change(redirect, "insider.canary.created", () -> access.write(scope -> {
            canaries.createDecoy(new Canaries.Decoy(name, birthDate, sourceId, handling, note), who.getName());
            record(who, AuditAction.ALTERATION, CANARIES_TARGET + ": decoy created", http);
            return null;
        }));
    }

    @PostMapping("/vetting/canaries/{entityId}/remove")
    String remove(Authentication who, @PathVariable String entityId, HttpServletRequest http, RedirectAttributes redirect) {
        return change(redirect, "insider.canary.removed", () -> access.write(scope -> {
            if (!canaries.unmark(entityId)) throw new Canaries.Refused("entityId", "insider.canary.error.notCanary", entityId + " is not a canary");
            record(who, AuditAction.ALTERATION, CANARIES_TARGET + ": canary removed", http);
            return null;
        }));
    }

    private String change(RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", done);
        } catch (Canaries.Refused e) {
            redirect.addFlashAttribute("errorKey", e.key());
        }
        return "redirect:/vetting/canaries";
    }

    private void record(Authentication who, AuditAction action, String target, HttpServletRequest http) {
        audit.record(new AuditEvent(who.getName(), action, target, Justifications.describe(http), "", AuditOutcome.SUCCESS, http.getRemoteAddr()));
    }
}
