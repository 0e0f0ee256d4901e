package besa.audit.web;

import besa.audit.AuditAction;
import besa.audit.AuditFilter;
import besa.audit.AuditOutcome;
import besa.audit.AuditSearch;
import besa.audit.FoundEntry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The auditors' page: "needs attention" (latest security alerts, break-glass, account and role
 * changes), then the search over the trail, newest first, each row linking to its inclusion proof.
 * A plain GET form; with htmx only the results are sent back.
 */
@Controller
class AuditPageController {
    static final Set<AuditAction> ATTENTION = Set.of(AuditAction.SECURITY_ALERT, AuditAction.BREAK_GLASS,
            AuditAction.ACCOUNT_CHANGE, AuditAction.ROLE_CHANGE);
    static final int ATTENTION_SIZE = 10;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final AuditSearch search;
    private final AuditTrailAccess access;
    private final MessageSource messages;

    AuditPageController(AuditSearch search, AuditTrailAccess access, MessageSource messages) {
        this.search = search;
        this.access = access;
        this.messages = messages;
    }

    /** One row as the page shows it. */
    record Row(long index, String at, String actor, String action, String target, String justification, String recipient,
               String outcome, String client, boolean intact) {}

    @GetMapping("/audit")
    String page(@RequestParam MultiValueMap<String, String> params,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore,
            Authentication user, HttpServletRequest request, HttpServletResponse response, Locale locale, Model model) {
        String client = request.getRemoteAddr();
        access.requireAuditor(user, "audit trail page", client);
        response.addHeader("Vary", "HX-Request");
        boolean fragment = "true".equals(htmx) && restore == null;
        model.addAttribute("fragment", fragment);
        model.addAttribute("actions", AuditAction.values());
        model.addAttribute("outcomes", AuditOutcome.values());
        model.addAttribute("p", params.toSingleValueMap());
        model.addAttribute("chosen", params.getOrDefault("action", List.of()));
        AuditFilter filter;
        Long before;
        try {
            filter = AuditTrailAccess.filter(params);
            before = AuditTrailAccess.before(params.getFirst("before"));
        } catch (IllegalArgumentException e) {
            model.addAttribute("error", messages.getMessage("audit.page.badFilter", new Object[] {e.getMessage()}, locale));
            return fragment ? "audit :: results" : "audit";
        }
        access.record(user, besa.audit.AuditAction.CONSULTATION, filter.describe() + (before == null ? "" : " before=" + before)
                + (fragment ? "" : " (page with needs-attention panel)"), client);
        if (!fragment) {
            model.addAttribute("attention", search.search(AuditFilter.actions(ATTENTION), null, ATTENTION_SIZE).entries()
                    .stream().map(AuditPageController::row).toList());
        }
        AuditSearch.Page page = search.search(filter, before, AuditTrailController.PAGE_SIZE);
        model.addAttribute("rows", page.entries().stream().map(AuditPageController::row).toList());
        String query = request.getQueryString() == null ? "" : request.getQueryString();
        if (page.nextBefore() != null) {
            model.addAttribute("older", UriComponentsBuilder.fromPath("/audit").query(query)
                    .replaceQueryParam("before", page.nextBefore()).build(true).toUriString());
        }
        UriComponentsBuilder export = UriComponentsBuilder.fromPath("/audit/export").query(query).replaceQueryParam("before");
        model.addAttribute("exportCsv", export.cloneBuilder().replaceQueryParam("format", "csv").build(true).toUriString());
        model.addAttribute("exportJsonl", export.cloneBuilder().replaceQueryParam("format", "jsonl").build(true).toUriString());
        return fragment ? "audit :: results" : "audit";
    }

    static Row row(FoundEntry f) {
        var e = f.entry().event();
        return new Row(f.index(), TIME.format(f.entry().at()), e.actor(), e.action().name(), e.target(), e.justification(),
                e.recipient(), e.outcome().name(), e.clientAddress(), f.intact());
    }
}
