package besa.exchange.hit;

import besa.access.Justifications;
import besa.exchange.SharingRefusedException;
import besa.exchange.envelope.Priority;
import besa.exchange.partner.Partner;
import besa.exchange.partner.PartnerRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
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
 * Hit/no-hit pages for liaison officers (SecurityConfig): ask a partner with a justification, our
 * queries with their state (waiting, overdue, hit and reference, no hit, refused) and data requests,
 * and the partners' data requests waiting for a decision here.
 */
@Controller
@RequestMapping("/exchange/hits")
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class HitPages {
    /** Times on the pages, in UTC as the partners see them. */
    public static final class Times {
        private static final DateTimeFormatter F = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

        public String of(Instant t) {
            return t == null ? "" : F.format(t);
        }
    }

    /** What the officer typed, to show it again after a refusal. */
    public record Form(String partner, String kind, String value, String birthDate, String priority, String justification) {}

    private final Hits hits;
    private final PartnerRegistry partners;
    private final PartnerLimits limits;
    private final java.time.Clock clock;

    HitPages(Hits hits, PartnerRegistry partners, PartnerLimits limits, java.time.Clock clock) {
        this.hits = hits;
        this.partners = partners;
        this.limits = limits;
        this.clock = clock;
    }

    @GetMapping
    String page(Model model, HttpServletRequest http) {
        String purpose = Justifications.of(http).map(Object::toString).orElse("");
        return page(model, new Form("", "PHONE", "", "", "HIGH", purpose));
    }

    private String page(Model model, Form form) {
        model.addAttribute("form", form);
        model.addAttribute("partners", partners.all().stream().filter(Partner::active).toList());
        model.addAttribute("kinds", HitQuery.Kind.values());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("asked", hits.asked(200));
        model.addAttribute("pending", hits.pendingDetails().size());
        // Partners refused for going over their limits (a partner enumerating our store shows here first).
        model.addAttribute("overLimits", limits.recent(clock.instant()));
        model.addAttribute("ourLimits", limits.defaults());
        model.addAttribute("times", new Times());
        return "exchange/hits";
    }

    @PostMapping
    String ask(Authentication who, @RequestParam(defaultValue = "") String partner, @RequestParam(defaultValue = "") String kind,
               @RequestParam(defaultValue = "") String value, @RequestParam(defaultValue = "") String birthDate,
               @RequestParam(defaultValue = "") String priority, @RequestParam(defaultValue = "") String justification,
               Model model, HttpServletRequest http, RedirectAttributes flash) {
        Form form = new Form(partner, kind, value, birthDate, priority, justification);
        try {
            if (partner.isBlank()) throw new HitRefused(org.springframework.http.HttpStatus.BAD_REQUEST, "partner", "choose a partner");
            HitQuery q = HitInput.query(kind, value, birthDate);
            hits.ask(who.getName(), partner, q, HitInput.priority(priority), HitInput.justification(justification, http), http.getRemoteAddr());
        } catch (HitRefused e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.field);
            return page(model, form);
        } catch (SharingRefusedException | IllegalArgumentException e) {
            model.addAttribute("error", e.getMessage());
            return page(model, form);
        }
        flash.addFlashAttribute("notice", "hits.notice.asked");
        return "redirect:/exchange/hits";
    }

    @PostMapping("/{id}/request")
    String requestData(Authentication who, @PathVariable UUID id, @RequestParam(defaultValue = "") String why, RedirectAttributes flash) {
        try {
            hits.requestData(who.getName(), id, why);
            flash.addFlashAttribute("notice", "hits.notice.requested");
        } catch (IllegalArgumentException | NoSuchElementException | SharingRefusedException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/exchange/hits";
    }

    @GetMapping("/releases")
    String releases(Model model) {
        List<Hits.PendingRelease> releases = hits.pendingDetails();
        model.addAttribute("releases", releases);
        // What approving would send, as this officer would release it (his own read scope).
        Map<UUID, Hits.ReleasePlan> plans = new HashMap<>();
        for (Hits.PendingRelease r : releases) {
            try {
                plans.put(r.requestId(), hits.releasePlan(r.requestId()));
            } catch (IllegalStateException e) { // decided meanwhile
                plans.put(r.requestId(), new Hits.ReleasePlan(List.of(), e.getMessage()));
            }
        }
        model.addAttribute("plans", plans);
        model.addAttribute("times", new Times());
        return "exchange/hit-releases";
    }

    @PostMapping("/releases/{id}")
    String decide(Authentication who, @PathVariable UUID id, @RequestParam(defaultValue = "") String decision,
                  @RequestParam(defaultValue = "") String reason, RedirectAttributes flash) {
        try {
            if ("approve".equals(decision)) {
                hits.approve(who.getName(), id);
                flash.addFlashAttribute("notice", "hits.notice.approved");
            } else {
                hits.refuse(who.getName(), id, reason);
                flash.addFlashAttribute("notice", "hits.notice.refused");
            }
        } catch (HitRefused | IllegalArgumentException | IllegalStateException | SharingRefusedException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/exchange/hits/releases";
    }
}
