package besa.breakglass;

import besa.access.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The break-glass page: administrators ask for a grant and end it; auditors watch every grant as it
 * is made (the list refreshes itself), end live ones and review those that are over.
 */
@Controller
class BreakGlassPage {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final BreakGlassGrants grants;

    BreakGlassPage(BreakGlassGrants grants) {
        this.grants = grants;
    }

    /** Formats instants for the page; a bean so the template needs no date extras. */
    public static final class Times {
        public String of(Instant t) {
            return t == null ? "" : TIME.format(t);
        }
    }

    @GetMapping("/break-glass")
    String page(Authentication who, Model model) {
        fill(who, model);
        model.addAttribute("reasons", Reason.values());
        model.addAttribute("maxMinutes", BreakGlassGrants.MAX.toMinutes());
        model.addAttribute("defaultMinutes", BreakGlassGrants.DEFAULT.toMinutes());
        model.addAttribute("live", grants.activeGrant(who.getName()).orElse(null));
        return "breakglass";
    }

    /** The list alone, for htmx to refresh: auditors see a new grant without reloading. */
    @GetMapping("/break-glass/list")
    String list(Authentication who, Model model) {
        fill(who, model);
        return "breakglass :: list";
    }

    @PostMapping("/break-glass")
    String request(Authentication who, @RequestParam(required = false) Reason reason, @RequestParam(required = false) String justification,
                   @RequestParam(required = false) Integer minutes, @RequestParam(required = false) String scope,
                   HttpServletRequest http, RedirectAttributes redirect) {
        return act(redirect, () -> grants.request(who, new BreakGlassGrants.Request(reason, justification, minutes, scope), http.getRemoteAddr()),
                "breakglass.granted");
    }

    @PostMapping("/break-glass/{id}/end")
    String end(Authentication who, @PathVariable long id, HttpServletRequest http, RedirectAttributes redirect) {
        return act(redirect, () -> grants.end(who, id, http.getRemoteAddr()), "breakglass.ended");
    }

    @PostMapping("/break-glass/{id}/review")
    String review(Authentication who, @PathVariable long id, @RequestParam(required = false) Finding finding,
                  @RequestParam(required = false) String note, HttpServletRequest http, RedirectAttributes redirect) {
        return act(redirect, () -> grants.review(who, id, finding, note, http.getRemoteAddr()), "breakglass.reviewed");
    }

    private void fill(Authentication who, Model model) {
        boolean auditor = BreakGlassGrants.has(who, Role.AUDITOR), admin = BreakGlassGrants.has(who, Role.ADMINISTRATOR);
        if (!auditor && !admin) throw new AccessDeniedException("break-glass is for administrators and auditors");
        List<Grant> list = grants.recent(auditor ? null : who.getName(), 100);
        model.addAttribute("grants", list);
        model.addAttribute("auditor", auditor);
        model.addAttribute("administrator", admin);
        model.addAttribute("me", who.getName());
        model.addAttribute("times", new Times());
        model.addAttribute("unreviewed", auditor ? grants.unreviewedCount() : 0);
    }

    /** Post, then redirect with what happened (a refusal keeps the form's reason in the message). */
    private String act(RedirectAttributes redirect, Runnable action, String done) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", done);
        } catch (BreakGlassRefused e) {
            if (e.kind() == BreakGlassRefused.Kind.FORBIDDEN && e.field() == null && "breakglass.error.notAdministrator".equals(e.messageKey())) {
                throw new AccessDeniedException("only administrators may break the glass");
            }
            redirect.addFlashAttribute("errorKey", e.messageKey());
            redirect.addFlashAttribute("errorArgs", e.args());
        }
        return "redirect:/break-glass";
    }
}
