package besa.vetting.web;

import besa.vetting.casefile.CaseFile;
import besa.vetting.casefile.CaseRefused;
import besa.vetting.casefile.Cases;
import besa.vetting.casefile.EvidenceKind;
import besa.vetting.casefile.Outcome;
import besa.vetting.casefile.Pillar;
import besa.vetting.casefile.PillarFinding;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case pages: "my cases" and one case with its pillars, evidence, findings, members, history,
 * outcome and export. A case the user may not see gets the ordinary not-found page.
 */
@Controller
class CasePages {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Cases cases;

    CasePages(Cases cases) {
        this.cases = cases;
    }

    /** Formats instants for the templates. */
    public static final class Times {
        public String of(Instant t) {
            return t == null ? "" : TIME.format(t);
        }
    }

    @GetMapping("/vetting/cases")
    String list(Model model, HttpServletRequest http) {
        model.addAttribute("cases", cases.mine(http.getRemoteAddr()));
        model.addAttribute("times", new Times());
        return "vetting/cases";
    }

    /** Opens a case: from the alert page (officerId, alertId, reason) or from the list (officerId, reason). */
    @PostMapping("/vetting/cases")
    String open(@RequestParam(required = false) String officerId, @RequestParam(required = false) String alertId,
                @RequestParam(required = false) String reason, HttpServletRequest http, RedirectAttributes redirect) {
        try {
            Long alert = alertId == null || alertId.isBlank() ? null : parseAlert(alertId);
            CaseFile.Summary s = cases.open(officerId, alert, reason, http.getRemoteAddr());
            redirect.addFlashAttribute("notice", "cases.opened");
            return "redirect:/vetting/cases/" + s.id();
        } catch (CaseRefused e) {
            refusal(redirect, e);
            redirect.addFlashAttribute("officerId", officerId);
            return "redirect:/vetting/cases";
        }
    }

    @GetMapping("/vetting/cases/{id}")
    ModelAndView one(@PathVariable long id, HttpServletRequest http) {
        try {
            ModelAndView mv = new ModelAndView("vetting/case");
            mv.addObject("c", cases.find(id, http.getRemoteAddr()));
            mv.addObject("times", new Times());
            mv.addObject("kinds", EvidenceKind.values());
            mv.addObject("findings", PillarFinding.values());
            mv.addObject("outcomes", Outcome.values());
            return mv;
        } catch (CaseRefused e) {
            if (e.kind() == CaseRefused.Kind.NOT_FOUND) return notFound();
            throw e;
        }
    }

    @PostMapping("/vetting/cases/{id}/members")
    ModelAndView addMember(@PathVariable long id, @RequestParam(required = false) String username, @RequestParam(required = false) String reason,
                           HttpServletRequest http, RedirectAttributes redirect) {
        return act(id, redirect, "cases.memberAdded", () -> cases.addMember(id, username, reason, http.getRemoteAddr()));
    }

    @PostMapping("/vetting/cases/{id}/members/remove")
    ModelAndView removeMember(@PathVariable long id, @RequestParam(required = false) String username, @RequestParam(required = false) String reason,
                              HttpServletRequest http, RedirectAttributes redirect) {
        return act(id, redirect, "cases.memberRemoved", () -> cases.removeMember(id, username, reason, http.getRemoteAddr()));
    }

    @PostMapping("/vetting/cases/{id}/evidence")
    ModelAndView addEvidence(@PathVariable long id, @RequestParam(required = false) String pillar, @RequestParam(required = false) String kind,
                             @RequestParam(required = false) String reference, @RequestParam(required = false) String title,
                             @RequestParam(required = false) String note, @RequestParam(required = false) MultipartFile file,
                             HttpServletRequest http, RedirectAttributes redirect) {
        return act(id, redirect, "cases.evidenceAdded", () -> {
            EvidenceKind k = CaseForms.choice(EvidenceKind.class, "kind", kind);
            byte[] content = null;
            String name = title;
            if (k == EvidenceKind.NOTE && note != null) content = note.getBytes(StandardCharsets.UTF_8);
            if (k == EvidenceKind.FILE && file != null && !file.isEmpty()) {
                if (file.getSize() > Cases.MAX_FILE_BYTES) {
                    throw new CaseRefused(CaseRefused.Kind.INVALID, "file", "fileTooLarge", Cases.MAX_FILE_BYTES / (1024 * 1024));
                }
                try {
                    content = file.getBytes();
                } catch (IOException e) {
                    throw new CaseRefused(CaseRefused.Kind.INVALID, "file", "fileRequired");
                }
                if (name == null || name.isBlank()) name = file.getOriginalFilename();
            }
            cases.addEvidence(id, new Cases.NewEvidence(CaseForms.choice(Pillar.class, "pillar", pillar), k, reference, name, content),
                    http.getRemoteAddr());
        });
    }

    @PostMapping("/vetting/cases/{id}/pillars/{pillar}")
    ModelAndView decide(@PathVariable long id, @PathVariable String pillar, @RequestParam(required = false) String finding,
                        @RequestParam(required = false) String reasoning, HttpServletRequest http, RedirectAttributes redirect) {
        return act(id, redirect, "cases.findingRecorded", () -> cases.decide(id, CaseForms.choice(Pillar.class, "pillar", pillar),
                CaseForms.choice(PillarFinding.class, "finding", finding), reasoning, http.getRemoteAddr()));
    }

    @PostMapping("/vetting/cases/{id}/outcome")
    ModelAndView close(@PathVariable long id, @RequestParam(required = false) String outcome, @RequestParam(required = false) String reason,
                       HttpServletRequest http, RedirectAttributes redirect) {
        return act(id, redirect, "cases.closedNotice", () -> cases.close(id, CaseForms.choice(Outcome.class, "outcome", outcome), reason,
                http.getRemoteAddr()));
    }

    /**
     * The evidence ZIP, only by the page's form (POST with its CSRF token): the export is a DISCLOSURE in
     * the user's name, so a link followed from another site must not be able to make one.
     */
    @PostMapping("/vetting/cases/{id}/export")
    Object export(@PathVariable long id, @RequestParam(required = false) String recipient, @RequestParam(required = false) String reason,
                  Locale locale, HttpServletRequest http, RedirectAttributes redirect) {
        try {
            return CaseApi.zip(cases.export(id, recipient, reason, locale, http.getRemoteAddr()));
        } catch (CaseRefused e) {
            if (e.kind() == CaseRefused.Kind.NOT_FOUND) return notFound();
            refusal(redirect, e);
            return new ModelAndView("redirect:/vetting/cases/" + id);
        }
    }

    private ModelAndView act(long id, RedirectAttributes redirect, String done, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", done);
        } catch (CaseRefused e) {
            if (e.kind() == CaseRefused.Kind.NOT_FOUND) return notFound();
            refusal(redirect, e);
        }
        return new ModelAndView("redirect:/vetting/cases/" + id);
    }

    private static void refusal(RedirectAttributes redirect, CaseRefused e) {
        redirect.addFlashAttribute("errorKey", e.messageKey());
        redirect.addFlashAttribute("errorArgs", e.args());
        redirect.addFlashAttribute("errorField", e.field());
    }

    private static ModelAndView notFound() {
        return new ModelAndView("error/404", HttpStatus.NOT_FOUND);
    }

    private static long parseAlert(String alertId) {
        try {
            return Long.parseLong(alertId.strip());
        } catch (NumberFormatException e) {
            throw new CaseRefused(CaseRefused.Kind.INVALID, "alertId", "alertNumber", alertId);
        }
    }
}
