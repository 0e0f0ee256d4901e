package besa.vetting.web;

import besa.vetting.alert.AlertDesk;
import besa.vetting.alert.AlertQuery;
import besa.vetting.alert.AlertRefused;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The alert queue ({@code /vetting/alerts}) and one alert ({@code /vetting/alerts/{id}}) with its forms:
 * assign, agree or disagree on the score and on each factor, dismiss; escalation posts to the case
 * pages. A refused form comes back to the alert with the reason kept and the fault explained; a missing
 * alert and one about the reader both answer with the not-found page.
 */
@Controller
class AlertPages {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** The minimum scores the queue's filter offers. */
    public record MinScore(String value, double score, int percent) {}

    private static final List<MinScore> MIN_SCORES = List.of(new MinScore("0.2", 0.2, 20), new MinScore("0.4", 0.4, 40),
            new MinScore("0.7", 0.7, 70), new MinScore("0.9", 0.9, 90));

    private final AlertDesk desk;

    AlertPages(AlertDesk desk) {
        this.desk = desk;
    }

    /** Formats instants for the pages; a bean so the templates need no date extras. */
    public static final class Times {
        public String of(Instant t) {
            return t == null ? "" : TIME.format(t);
        }
    }

    @GetMapping("/vetting/alerts")
    String queue(@RequestParam(required = false) List<String> status, @RequestParam(required = false) String assignee,
                 @RequestParam(required = false) String origin, @RequestParam(required = false) String minScore,
                 @RequestParam(required = false) String officer, @RequestParam(required = false) Integer page,
                 @RequestParam(required = false) Integer size, HttpServletRequest http, Model model) {
        AlertQuery q;
        try {
            q = AlertQuery.parse(status, assignee, origin, minScore, officer, page, size);
        } catch (AlertRefused e) {
            model.addAttribute("error", e);
            q = AlertQuery.open();
        }
        model.addAttribute("q", q);
        model.addAttribute("result", desk.queue(q, http.getRemoteAddr()));
        model.addAttribute("officers", desk.vettingOfficers());
        model.addAttribute("statuses", AlertQuery.Status.values());
        model.addAttribute("origins", AlertQuery.Origin.values());
        model.addAttribute("minScores", MIN_SCORES);
        model.addAttribute("times", new Times());
        return "vetting/alerts";
    }

    @GetMapping("/vetting/alerts/{id}")
    ModelAndView alert(@PathVariable long id, HttpServletRequest http) {
        AlertDesk.Opened opened;
        try {
            opened = desk.open(id, http.getRemoteAddr());
        } catch (AlertRefused e) {
            return new ModelAndView("error/404", HttpStatus.NOT_FOUND); // missing, or about the reader: the same answer
        }
        ModelAndView mv = new ModelAndView("vetting/alert");
        mv.addObject("d", opened.detail());
        mv.addObject("a", opened.detail().alert());
        mv.addObject("evidence", opened.detail().factors().stream().map(AlertEvidence::of).toList());
        mv.addObject("assignable", opened.assignable());
        mv.addObject("times", new Times());
        return mv;
    }

    @PostMapping("/vetting/alerts/{id}/assign")
    ModelAndView assign(@PathVariable long id, @RequestParam(required = false) String assignee, HttpServletRequest http,
                        RedirectAttributes redirect) {
        return act(id, "assign", null, redirect, () -> desk.assign(id, assignee, http.getRemoteAddr()), "alerts.done.assigned");
    }

    @PostMapping("/vetting/alerts/{id}/decisions")
    ModelAndView decide(@PathVariable long id, @RequestParam(required = false) String verdict, @RequestParam(required = false) String factorKey,
                        @RequestParam(required = false) String reason, HttpServletRequest http, RedirectAttributes redirect) {
        String form = factorKey == null || factorKey.isBlank() ? "score" : "factor:" + factorKey;
        return act(id, form, reason, redirect, () -> desk.decide(id, verdict, factorKey, reason, http.getRemoteAddr()), "alerts.done.decided");
    }

    @PostMapping("/vetting/alerts/{id}/dismiss")
    ModelAndView dismiss(@PathVariable long id, @RequestParam(required = false) String reason, HttpServletRequest http,
                         RedirectAttributes redirect) {
        return act(id, "dismiss", reason, redirect, () -> desk.dismiss(id, reason, http.getRemoteAddr()), "alerts.done.dismissed");
    }

    /** Post, then back to the alert with what happened; a refusal keeps the typed reason and names the form at fault. */
    private ModelAndView act(long id, String form, String reason, RedirectAttributes redirect, Supplier<?> action, String done) {
        try {
            action.get();
            redirect.addFlashAttribute("notice", done);
        } catch (AlertRefused e) {
            if (e.kind() == AlertRefused.Kind.NOT_FOUND) return new ModelAndView("error/404", HttpStatus.NOT_FOUND);
            redirect.addFlashAttribute("errorKey", e.messageKey());
            redirect.addFlashAttribute("errorArgs", e.args());
            redirect.addFlashAttribute("errorForm", form);
            redirect.addFlashAttribute("errorField", e.field());
            if (reason != null) redirect.addFlashAttribute("typed", reason);
        }
        return new ModelAndView("redirect:/vetting/alerts/" + id + "#" + (form.startsWith("factor:") ? "factors" : form));
    }
}
