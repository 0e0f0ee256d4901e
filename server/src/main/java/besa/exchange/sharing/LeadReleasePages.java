package besa.exchange.sharing;

import besa.exchange.messages.MessageRefused;
import besa.vetting.VettingRefused;
import besa.vetting.release.LeadRelease;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The vetting unit's page for lead packages (ADR 0006): under {@code /vetting}, which only vetting officers reach
 * (SecurityConfig), though the code lives with daily sharing, which builds and sends the packages. Each waiting
 * package shows exactly what would leave, lead by lead, and is released or refused with a reason. Every handler passes
 * the vetting gate first (LeadRelease.gate): a suspended officer gets the neutral refusal of every vetting page.
 */
@Controller
@RequestMapping("/vetting/releases")
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class LeadReleasePages {
    private final DailySharing sharing;
    private final LeadRelease gate;
    private final MessageSource messages;

    LeadReleasePages(DailySharing sharing, LeadRelease gate, MessageSource messages) {
        this.sharing = sharing;
        this.gate = gate;
        this.messages = messages;
    }

    /** A barred vetting officer (suspended, no officer id): the same neutral 403 page as every vetting page; the gate raised the alert. */
    @ExceptionHandler(VettingRefused.class)
    ModelAndView barred(VettingRefused e, Locale locale) {
        ModelAndView page = new ModelAndView("error/403");
        page.setStatus(HttpStatus.FORBIDDEN);
        page.addObject("refusal", messages.getMessage(e.messageKey(), null, locale));
        return page;
    }

    @GetMapping
    String list(Authentication who, Model model) {
        gate.gate();
        model.addAttribute("pending", sharing.pendingLeadsFor(who.getName()));
        model.addAttribute("times", new SharingPages.Times());
        return "vetting/releases";
    }

    @PostMapping("/{id}")
    String decide(Authentication who, @PathVariable UUID id, @RequestParam String decision, @RequestParam(defaultValue = "") String reason,
                  HttpServletRequest http, RedirectAttributes flash) {
        gate.gate();
        try {
            if ("approve".equals(decision)) {
                sharing.approve(who.getName(), id, reason.isBlank() ? null : reason, http.getRemoteAddr());
                flash.addFlashAttribute("notice", "screening.release.approved");
            } else {
                sharing.refuse(who.getName(), id, reason, http.getRemoteAddr());
                flash.addFlashAttribute("notice", "screening.release.refused");
            }
        } catch (MessageRefused e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/vetting/releases";
    }
}
