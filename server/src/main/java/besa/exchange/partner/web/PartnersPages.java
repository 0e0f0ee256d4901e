package besa.exchange.partner.web;

import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.PartnerAdmin;
import besa.exchange.partner.PartnerAdmin.AgreementForm;
import besa.exchange.partner.PartnerAdmin.PartnerForm;
import besa.exchange.partner.PartnerRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The partner registry pages for liaison officers (SecurityConfig): partners with status, certificates and keys;
 * adding and editing a partner, its agreement, certificates and keys; the changes waiting for a second officer;
 * and the originators' forwarding permissions. A refused change shows its reason and keeps what was typed.
 */
@Controller
@RequestMapping("/exchange/partners")
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class PartnersPages {
    /** Times on the pages, in UTC as the partners see them. */
    public static final class Times {
        private static final DateTimeFormatter F = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

        public String of(Instant t) {
            return t == null ? "" : F.format(t);
        }
    }

    private final PartnerAdmin admin;
    private final PartnerRegistry registry;

    PartnersPages(PartnerAdmin admin, PartnerRegistry registry) {
        this.admin = admin;
        this.registry = registry;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("partners", admin.list());
        model.addAttribute("pending", admin.pending());
        model.addAttribute("times", new Times());
        if (!model.containsAttribute("form")) model.addAttribute("form", new PartnerForm("", "", "", "https://", ""));
        return "exchange/partners";
    }

    @PostMapping
    String create(Authentication who, @RequestParam(defaultValue = "") String id, @RequestParam(defaultValue = "") String agency,
                  @RequestParam(defaultValue = "") String country, @RequestParam(defaultValue = "") String url,
                  @RequestParam(defaultValue = "") String contact, @RequestParam(defaultValue = "") String reason,
                  HttpServletRequest http, RedirectAttributes flash) {
        PartnerForm f = new PartnerForm(id, agency, country, url, contact);
        try {
            admin.create(who.getName(), f, reason, http.getRemoteAddr());
        } catch (PartnerAdmin.Refused e) {
            refused(flash, e);
            flash.addFlashAttribute("form", f);
            return "redirect:/exchange/partners";
        }
        flash.addFlashAttribute("notice", "partners.notice.added");
        return "redirect:/exchange/partners/" + id.strip();
    }

    @GetMapping("/{id}")
    String one(@PathVariable String id, Model model) {
        var v = admin.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("v", v);
        model.addAttribute("history", admin.changes(id, false));
        model.addAttribute("categories", Category.values());
        model.addAttribute("handlingCodes", HandlingCode.values());
        model.addAttribute("times", new Times());
        return "exchange/partner";
    }

    @PostMapping("/{id}/details")
    String details(Authentication who, @PathVariable String id, @RequestParam(defaultValue = "") String agency,
                   @RequestParam(defaultValue = "") String country, @RequestParam(defaultValue = "") String url,
                   @RequestParam(defaultValue = "") String contact, @RequestParam(defaultValue = "") String reason,
                   HttpServletRequest http, RedirectAttributes flash) {
        return act(id, flash, "partners.notice.saved",
                () -> admin.update(who.getName(), id, new PartnerForm(id, agency, country, url, contact), reason, http.getRemoteAddr()));
    }

    @PostMapping("/{id}/agreement")
    String agreement(Authentication who, @PathVariable String id, @RequestParam(required = false) List<String> categories,
                     @RequestParam(defaultValue = "") String legalBasis, @RequestParam(defaultValue = "") String maxHandling,
                     @RequestParam(defaultValue = "false") boolean onwardTransfer, @RequestParam(defaultValue = "") String reason,
                     HttpServletRequest http, RedirectAttributes flash) {
        try {
            var o = admin.agreement(who.getName(), id, new AgreementForm(categories == null ? List.of() : categories, legalBasis, maxHandling,
                    onwardTransfer), reason, http.getRemoteAddr());
            flash.addFlashAttribute("notice", o.applied() ? "partners.notice.saved" : "partners.notice.requested");
        } catch (PartnerAdmin.Refused e) {
            refused(flash, e);
        }
        return "redirect:/exchange/partners/" + id;
    }

    @PostMapping("/{id}/certificates")
    String certificate(Authentication who, @PathVariable String id, @RequestParam(defaultValue = "") String pem,
                       @RequestParam(defaultValue = "") String reason, HttpServletRequest http, RedirectAttributes flash) {
        return act(id, flash, "partners.notice.requested", () -> admin.certificate(who.getName(), id, pem, reason, http.getRemoteAddr()));
    }

    @PostMapping("/{id}/keys")
    String keys(Authentication who, @PathVariable String id, @RequestParam(defaultValue = "") String jwks,
                @RequestParam(defaultValue = "") String reason, HttpServletRequest http, RedirectAttributes flash) {
        return act(id, flash, "partners.notice.requested", () -> admin.keys(who.getName(), id, jwks, reason, http.getRemoteAddr()));
    }

    @PostMapping("/{id}/deactivate")
    String deactivate(Authentication who, @PathVariable String id, @RequestParam(defaultValue = "") String reason, HttpServletRequest http,
                      RedirectAttributes flash) {
        return act(id, flash, "partners.notice.deactivated", () -> {
            admin.deactivate(who.getName(), id, reason, http.getRemoteAddr());
            return null;
        });
    }

    @PostMapping("/{id}/activate")
    String activate(Authentication who, @PathVariable String id, @RequestParam(defaultValue = "") String reason, HttpServletRequest http,
                    RedirectAttributes flash) {
        return act(id, flash, "partners.notice.requested", () -> admin.activate(who.getName(), id, reason, http.getRemoteAddr()));
    }

    @PostMapping("/changes/{change}")
    String decide(Authentication who, @PathVariable UUID change, @RequestParam String decision, @RequestParam(defaultValue = "") String reason,
                  HttpServletRequest http, RedirectAttributes flash) {
        try {
            if ("approve".equals(decision)) {
                admin.approve(who.getName(), change, reason, http.getRemoteAddr());
                flash.addFlashAttribute("notice", "partners.notice.approved");
            } else {
                admin.reject(who.getName(), change, reason, http.getRemoteAddr());
                flash.addFlashAttribute("notice", "partners.notice.rejected");
            }
        } catch (PartnerAdmin.Refused e) {
            refused(flash, e);
        }
        return "redirect:/exchange/partners";
    }

    @GetMapping("/permissions")
    String permissions(Model model) {
        model.addAttribute("permissions", admin.permissions());
        model.addAttribute("requests", admin.pendingPermissions());
        model.addAttribute("partners", registry.all());
        model.addAttribute("times", new Times());
        return "exchange/permissions";
    }

    /** Asks for a permission to be recorded: a second liaison officer approves it (below, or on the registry page). */
    @PostMapping("/permissions")
    String permit(Authentication who, @RequestParam(defaultValue = "") String originator, @RequestParam(defaultValue = "") String recipient,
                  @RequestParam(defaultValue = "") String entity, @RequestParam(defaultValue = "") String reference, HttpServletRequest http,
                  RedirectAttributes flash) {
        return onPermissions(flash, "partners.notice.permission",
                () -> admin.requestPermission(who.getName(), originator, recipient, entity, reference, http.getRemoteAddr()));
    }

    @PostMapping("/permissions/requests/{change}")
    String decidePermission(Authentication who, @PathVariable UUID change, @RequestParam String decision,
                            @RequestParam(defaultValue = "") String reason, HttpServletRequest http, RedirectAttributes flash) {
        boolean approve = "approve".equals(decision);
        return onPermissions(flash, approve ? "partners.notice.permissionApproved" : "partners.notice.rejected", () -> {
            admin.change(change).filter(c -> "PERMISSION".equals(c.kind()))
                    .orElseThrow(() -> new PartnerAdmin.Refused(HttpStatus.NOT_FOUND, null, "no forwarding permission request " + change));
            return approve ? admin.approve(who.getName(), change, reason, http.getRemoteAddr())
                    : admin.reject(who.getName(), change, reason, http.getRemoteAddr());
        });
    }

    @PostMapping("/permissions/{id}/withdraw")
    String withdraw(Authentication who, @PathVariable long id, @RequestParam(defaultValue = "") String reason, HttpServletRequest http,
                    RedirectAttributes flash) {
        return onPermissions(flash, "partners.notice.permissionWithdrawn",
                () -> admin.withdrawPermission(who.getName(), id, reason, http.getRemoteAddr()));
    }

    @PostMapping("/{id}/certificates/{fingerprint}/retire")
    String retireCertificate(Authentication who, @PathVariable String id, @PathVariable String fingerprint,
                             @RequestParam(defaultValue = "") String reason, HttpServletRequest http, RedirectAttributes flash) {
        return act(id, flash, "partners.notice.retired", () -> {
            admin.retireCertificate(who.getName(), id, fingerprint, reason, http.getRemoteAddr());
            return null;
        });
    }

    @PostMapping("/{id}/keys/{kid}/retire")
    String retireKey(Authentication who, @PathVariable String id, @PathVariable String kid, @RequestParam(defaultValue = "") String reason,
                     HttpServletRequest http, RedirectAttributes flash) {
        return act(id, flash, "partners.notice.retired", () -> {
            admin.retireKey(who.getName(), id, kid, reason, http.getRemoteAddr());
            return null;
        });
    }

    private static String onPermissions(RedirectAttributes flash, String notice, Supplier<?> work) {
        try {
            work.get();
            flash.addFlashAttribute("notice", notice);
        } catch (PartnerAdmin.Refused e) {
            refused(flash, e);
        }
        return "redirect:/exchange/partners/permissions";
    }

    private static String act(String id, RedirectAttributes flash, String notice, Supplier<?> work) {
        try {
            work.get();
            flash.addFlashAttribute("notice", notice);
        } catch (PartnerAdmin.Refused e) {
            refused(flash, e);
        }
        return "redirect:/exchange/partners/" + id;
    }

    private static void refused(RedirectAttributes flash, PartnerAdmin.Refused e) {
        flash.addFlashAttribute("error", e.getMessage());
        flash.addFlashAttribute("field", e.field());
    }
}
