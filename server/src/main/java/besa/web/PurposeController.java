package besa.web;

import besa.access.Justification;
import besa.access.Justifications;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The purpose of the user's current task: a case or operation reference, or a reason code with
 * free text. Set once, kept in the session, shown in the page header, changeable; person searches
 * and person records are sent here while it is missing, and it goes into every audit event.
 */
@Controller
class PurposeController {
    private final MessageSource messages;

    PurposeController(MessageSource messages) {
        this.messages = messages;
    }

    /** Where a page that needs a purpose sends the user, coming back to {@code back} afterwards. */
    static String redirect(HttpServletRequest request) {
        String back = request.getRequestURI().substring(request.getContextPath().length())
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        return "redirect:" + UriComponentsBuilder.fromPath("/purpose").queryParam("next", back).encode().build().toUriString();
    }

    @GetMapping("/purpose")
    String form(@RequestParam(defaultValue = "") String next, Model model) {
        model.addAttribute("next", safe(next));
        model.addAttribute("reasons", Justification.ReasonCode.values());
        return "purpose";
    }

    @PostMapping("/purpose")
    String set(@RequestParam(defaultValue = "REASON") String kind, @RequestParam(defaultValue = "") String reference,
            @RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String text,
            @RequestParam(defaultValue = "") String next, HttpSession session, Model model, Locale locale) {
        try {
            Justification.Kind k = Justification.Kind.valueOf(kind);
            Justification j = k == Justification.Kind.REASON
                    ? new Justification(k, Justification.ReasonCode.valueOf(reason).name(), text)
                    : new Justification(k, reference, "");
            session.setAttribute(Justifications.SESSION_ATTRIBUTE, j);
            return "redirect:" + (safe(next).isEmpty() ? "/" : safe(next));
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", messages.getMessage("purpose.invalid", null, locale));
            model.addAttribute("next", safe(next));
            model.addAttribute("reasons", Justification.ReasonCode.values());
            model.addAttribute("kind", kind);
            model.addAttribute("reference", reference);
            model.addAttribute("reason", reason);
            model.addAttribute("text", text);
            return "purpose";
        }
    }

    /**
     * Only a path on this site, else "": one leading "/" not followed by "/" or "\\", no backslash, no
     * whitespace or control character (browsers drop tabs and newlines, so "/\t/evil.example" would
     * become "//evil.example"), and java.net.URI must find neither scheme nor host in it.
     */
    static String safe(String next) {
        if (next == null || !next.startsWith("/") || next.length() > 2000) return "";
        if (next.length() > 1 && (next.charAt(1) == '/' || next.charAt(1) == '\\')) return "";
        if (next.chars().anyMatch(c -> c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c))) return "";
        try {
            java.net.URI uri = new java.net.URI(next);
            return uri.getScheme() == null && uri.getRawAuthority() == null && uri.getRawPath() != null && uri.getRawPath().startsWith("/") ? next : "";
        } catch (java.net.URISyntaxException e) {
            return "";
        }
    }

    /** The purpose in the page header of every page. */
    @ControllerAdvice(basePackages = "besa.web")
    static class CurrentPurpose {
        @ModelAttribute("purpose")
        String purpose(HttpServletRequest request) {
            HttpSession session = request.getSession(false);
            return session != null && session.getAttribute(Justifications.SESSION_ATTRIBUTE) instanceof Justification j ? j.toString() : null;
        }
    }
}
