package besa.exchange.sharing;

import besa.exchange.messages.MessageRefused;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The vetting unit's page for lead packages (ADR 0006): under {@code /vetting}, which only vetting officers reach
 * (SecurityConfig), though the code lives with daily sharing, which builds and sends the packages. Each waiting
 * package shows exactly what would leave, lead by lead, and is released or refused with a reason.
 */
@Controller
@RequestMapping("/vetting/releases")
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class LeadReleasePages {
    private final DailySharing sharing;

    LeadReleasePages(DailySharing sharing) {
        this.sharing = sharing;
    }

    @GetMapping
    String list(Authentication who, Model model) {
        model.addAttribute("pending", sharing.pendingLeadsFor(who.getName()));
        model.addAttribute("times", new SharingPages.Times());
        return "vetting/releases";
    }

    @PostMapping("/{id}")
    String decide(Authentication who, @PathVariable UUID id, @RequestParam String decision, @RequestParam(defaultValue = "") String reason,
                  HttpServletRequest http, RedirectAttributes flash) {
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
