package besa.exchange.hit;

import besa.exchange.SharingRefusedException;
import besa.exchange.partner.Partner;
import besa.exchange.partner.PartnerRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Cross-matching pages for liaison officers: lists offered to partners (CSV upload, every bad line
 * named), the CLK secret per partner (generated and shown once, or entered), runs against a
 * partner's list with an uploaded or one of our lists, the runs and their results.
 */
@Controller
@RequestMapping("/exchange/crossmatch")
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class CrossMatchPages {
    /** Largest CSV accepted from the page (50,000 lines of a few dozen characters). */
    private static final long MAX_UPLOAD = 8L << 20;

    private final CrossMatchService service;
    private final PartnerRegistry partners;

    CrossMatchPages(CrossMatchService service, PartnerRegistry partners) {
        this.service = service;
        this.partners = partners;
    }

    @GetMapping
    String page(Model model) {
        List<Partner> active = partners.all().stream().filter(Partner::active).toList();
        model.addAttribute("partners", active);
        model.addAttribute("secrets", active.stream().map(p -> new SecretState(p.id(), service.crossMatch().clkSecretSetAt(p.id()).orElse(null))).toList());
        model.addAttribute("offers", service.crossMatch().offers());
        model.addAttribute("sessions", service.crossMatch().sessions(200));
        model.addAttribute("times", new HitPages.Times());
        return "exchange/crossmatch";
    }

    public record SecretState(String partner, java.time.Instant setAt) {}

    @PostMapping("/lists")
    String offer(Authentication who, @RequestParam(defaultValue = "") String partner, @RequestParam(defaultValue = "") String name,
                 @RequestParam(defaultValue = "") String method, @RequestParam(required = false) MultipartFile file, Model model,
                 RedirectAttributes flash) {
        try {
            int n = service.offer(who.getName(), partner, name, HitInput.method(method), text(file));
            flash.addFlashAttribute("notice", "hits.xm.notice.offered");
            flash.addFlashAttribute("count", n);
            return "redirect:/exchange/crossmatch";
        } catch (RuntimeException e) {
            return refused(model, e);
        }
    }

    @PostMapping("/secrets")
    String secret(Authentication who, @RequestParam(defaultValue = "") String partner, @RequestParam(defaultValue = "generate") String action,
                  @RequestParam(defaultValue = "") String secret, Model model, RedirectAttributes flash) {
        try {
            String p = service.partner(partner);
            if ("enter".equals(action)) {
                service.crossMatch().setClkSecret(who.getName(), p, HitInput.secret(secret));
                flash.addFlashAttribute("notice", "hits.xm.notice.secret");
                return "redirect:/exchange/crossmatch";
            }
            // Shown in this response only (not kept in the session or a redirect), to hand over out of band.
            byte[] generated = service.crossMatch().generateClkSecret(who.getName(), p);
            model.addAttribute("generatedFor", p);
            model.addAttribute("generated", Base64.getEncoder().encodeToString(generated));
            return page(model);
        } catch (RuntimeException e) {
            return refused(model, e);
        }
    }

    @PostMapping("/sessions")
    String start(Authentication who, @RequestParam(defaultValue = "") String partner, @RequestParam(defaultValue = "") String method,
                 @RequestParam(defaultValue = "") String list, @RequestParam(required = false) MultipartFile file,
                 @RequestParam(defaultValue = "") String own, Model model) {
        try {
            String[] chosen = own.isBlank() ? new String[] {"", ""} : own.split("/", 2);
            UUID session = service.start(who.getName(), partner, HitInput.method(method), list, text(file), chosen[0],
                    chosen.length > 1 ? chosen[1] : "");
            return "redirect:/exchange/crossmatch/" + session;
        } catch (RuntimeException e) {
            return refused(model, e);
        }
    }

    @GetMapping("/{id}")
    String session(Authentication who, @PathVariable UUID id, Model model, HttpServletRequest http) {
        var result = service.result(who.getName(), id, http.getRemoteAddr()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("result", result);
        model.addAttribute("times", new HitPages.Times());
        return "exchange/crossmatch-session";
    }

    /** The page again with what went wrong: the message, and for a CSV every bad line. */
    private String refused(Model model, RuntimeException e) {
        if (!(e instanceof HitRefused || e instanceof ListCsv.Invalid || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof SharingRefusedException || e instanceof NoSuchElementException)) {
            throw e;
        }
        model.addAttribute("error", e.getMessage());
        if (e instanceof ListCsv.Invalid invalid) model.addAttribute("lineErrors", invalid.errors);
        return page(model);
    }

    private static String text(MultipartFile file) {
        if (file == null || file.isEmpty()) return "";
        if (file.getSize() > MAX_UPLOAD) throw new HitRefused(HttpStatus.BAD_REQUEST, "file", "the file is larger than " + (MAX_UPLOAD >> 20) + " MB");
        try {
            return new String(file.getBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HitRefused(HttpStatus.BAD_REQUEST, "file", "the file could not be read: " + e.getMessage());
        }
    }
}
