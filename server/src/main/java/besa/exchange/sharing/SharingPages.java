package besa.exchange.sharing;

import besa.exchange.messages.MessageRefused;
import besa.exchange.messages.Messages;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.exchange.partner.Partner;
import besa.exchange.partner.PartnerRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
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
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The daily sharing pages for liaison officers (SecurityConfig): calendar, packages to decide, history, schedules. */
@Controller
@RequestMapping("/exchange/sharing")
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class SharingPages {
    /** Times on these pages: Tirane time, as the schedules are set. */
    public static final class Times {
        private static final DateTimeFormatter F = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Cadence.ZONE);
        private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(Cadence.ZONE);

        public String of(Instant t) {
            return t == null ? "" : F.format(t);
        }

        public String day(Instant t) {
            return t == null ? "" : DAY.format(t);
        }

        /** The weekday in Tirane, for the message key sharing.day.* (so it shows in the page's language). */
        public String weekday(Instant t) {
            return t.atZone(Cadence.ZONE).getDayOfWeek().name();
        }
    }

    /** What the officer typed, to show again. */
    public record Form(UUID id, String partner, String category, String source, String originator, String time, List<String> days,
                       String ceiling, boolean active) {}

    private final DailySharing sharing;
    private final Messages messages;
    private final PartnerRegistry partners;
    private final Clock clock;
    private final besa.exchange.SharingDeadlines deadlines;

    SharingPages(DailySharing sharing, Messages messages, PartnerRegistry partners, Clock clock, besa.exchange.SharingDeadlines deadlines) {
        this.deadlines = deadlines;
        this.sharing = sharing;
        this.messages = messages;
        this.partners = partners;
        this.clock = clock;
    }

    @GetMapping
    String calendar(Authentication who, Model model) {
        model.addAttribute("calendar", sharing.calendar(clock.instant(), 14));
        List<SharingPackage> pending = sharing.pendingFor(who.getName());
        model.addAttribute("pending", pending);
        // Packages waiting past besa.exchange.sharing-approval-overdue are marked overdue.
        model.addAttribute("overdue", deadlines.overdue(clock.instant()).stream().map(besa.exchange.SharingDeadlines.Unapproved::packageId)
                .collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("drafts", pending.stream().collect(java.util.stream.Collectors.toMap(p -> p.draft(), p -> messages.draft(p.draft()).orElseThrow())));
        model.addAttribute("history", sharing.liaisonHistory(100)); // lead packages without ids (ADR 0006)
        model.addAttribute("schedules", sharing.schedules());
        model.addAttribute("times", new Times());
        return "exchange/sharing";
    }

    @GetMapping("/schedules/new")
    String newSchedule(Model model) {
        form(model, new Form(null, "", "PERSON", "", "", "07:00", List.of(), "H1", true));
        return "exchange/sharing-schedule";
    }

    @GetMapping("/schedules/{id}")
    String edit(@PathVariable UUID id, Model model) {
        Schedule s = sharing.schedule(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        form(model, new Form(s.id(), s.partner(), s.category().name(), s.source() == null ? "" : s.source(),
                s.originator() == null ? "" : s.originator(), s.cadence().at().toString(),
                s.cadence().daily() ? List.of() : s.cadence().days().stream().map(Enum::name).toList(), s.ceiling().name(), s.active()));
        return "exchange/sharing-schedule";
    }

    @PostMapping("/schedules")
    String save(Authentication who, @RequestParam(required = false) UUID id, @RequestParam(defaultValue = "") String partner,
                @RequestParam(defaultValue = "") String category, @RequestParam(defaultValue = "") String source,
                @RequestParam(defaultValue = "") String originator, @RequestParam(defaultValue = "") String time,
                @RequestParam(required = false) List<String> days, @RequestParam(defaultValue = "") String ceiling,
                @RequestParam(defaultValue = "false") boolean active, Model model, HttpServletRequest http, RedirectAttributes flash) {
        ScheduleRequest r = new ScheduleRequest(partner, category, source, originator, time, days, ceiling, active);
        try {
            if (id == null) sharing.create(who.getName(), r, http.getRemoteAddr());
            else sharing.update(who.getName(), id, r, http.getRemoteAddr());
            flash.addFlashAttribute("notice", "sharing.notice.saved");
            return "redirect:/exchange/sharing";
        } catch (MessageRefused e) {
            form(model, new Form(id, partner, category, source, originator, time, r.days(), ceiling, active));
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.field());
            return "exchange/sharing-schedule";
        }
    }

    @PostMapping("/schedules/{id}/active")
    String active(Authentication who, @PathVariable UUID id, @RequestParam boolean active, HttpServletRequest http, RedirectAttributes flash) {
        try {
            sharing.setActive(who.getName(), id, active, http.getRemoteAddr());
            flash.addFlashAttribute("notice", active ? "sharing.notice.resumed" : "sharing.notice.paused");
        } catch (MessageRefused e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/exchange/sharing";
    }

    @PostMapping("/packages/{id}")
    String decide(Authentication who, @PathVariable UUID id, @RequestParam String decision, @RequestParam(defaultValue = "") String reason,
                  HttpServletRequest http, RedirectAttributes flash) {
        try {
            if ("approve".equals(decision)) {
                sharing.approve(who.getName(), id, reason.isBlank() ? null : reason, http.getRemoteAddr());
                flash.addFlashAttribute("notice", "sharing.notice.approved");
            } else {
                sharing.refuse(who.getName(), id, reason, http.getRemoteAddr());
                flash.addFlashAttribute("notice", "sharing.notice.refused");
            }
        } catch (MessageRefused e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/exchange/sharing";
    }

    private void form(Model model, Form f) {
        model.addAttribute("form", f);
        model.addAttribute("partners", partners.all().stream().filter(Partner::active).toList());
        model.addAttribute("categories", Category.values());
        model.addAttribute("ceilings", HandlingCode.values());
        model.addAttribute("weekdays", DayOfWeek.values());
    }
}
