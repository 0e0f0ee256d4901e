package besa.web;

import besa.access.AccessPolicy;
import besa.intel.model.EntityType;
import besa.intel.model.Handling;
import besa.intel.search.EntityCatalogue;
import besa.intel.search.Reason;
import besa.intel.search.SearchHit;
import besa.intel.search.SearchQuery;
import besa.intel.search.SearchResults;
import besa.intel.search.SearchService;
import besa.intel.search.SourceSummary;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The search page. A plain GET form, so it works without JavaScript; with htmx the same URL is
 * asked for again as the user types and only the results fragment is sent back.
 */
@Controller
class SearchPageController {
    static final int PAGE_SIZE = 20;

    private final SearchService search;
    private final EntityCatalogue catalogue;
    private final MessageSource messages;
    private final AccessPolicy policy;

    SearchPageController(SearchService search, EntityCatalogue catalogue, MessageSource messages, AccessPolicy policy) {
        this.search = search;
        this.catalogue = catalogue;
        this.messages = messages;
        this.policy = policy;
    }

    /** One hit as the page shows it, its reasons already in the reader's language. */
    record HitView(String id, EntityType type, String caption, int percent, List<String> reasons) {}

    @GetMapping("/search")
    String search(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String type,
            @RequestParam(defaultValue = "") String source, @RequestParam(defaultValue = "") String maxHandling,
            @RequestParam(defaultValue = "1") String page,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore,
            Locale locale, Model model, HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Vary", "HX-Request");
        String text = q.strip();
        EntityType typeFilter = parseType(type);

        Handling handling = parseHandling(maxHandling);
        int pageNo = parsePage(page);
        model.addAttribute("q", text);
        model.addAttribute("type", typeFilter == null ? "" : typeFilter.name());
        model.addAttribute("source", source.strip());
        model.addAttribute("maxHandling", handling == null ? "" : handling.name());
        model.addAttribute("types", Arrays.stream(EntityType.values()).filter(t -> !t.isRelation()).toList());
        model.addAttribute("handlings", Handling.values());
        boolean fragment = "true".equals(htmx) && restore == null;
        model.addAttribute("fragment", fragment);
        model.addAttribute("maxText", SearchQuery.MAX_TEXT);
        model.addAttribute("pageSize", PAGE_SIZE);
        if (!fragment) model.addAttribute("sources", sources());

        if (!type.isBlank() && typeFilter == null || !maxHandling.isBlank() && handling == null) {
            model.addAttribute("error", messages.getMessage("search.page.badFilter", null, locale));
        } else if (text.length() > SearchQuery.MAX_TEXT) {
            model.addAttribute("error", messages.getMessage("search.page.tooLong", new Object[] {SearchQuery.MAX_TEXT}, locale));
        } else if (!text.isEmpty() && (typeFilter == null || typeFilter == EntityType.Person) && !policy.justified()) {
            // A search that may find persons needs the task's purpose; htmx follows the redirect header.
            String to = PurposeController.redirect(request).substring("redirect:".length());
            if (!fragment) return "redirect:" + to;
            response.addHeader("HX-Redirect", request.getContextPath() + to);
        } else if (!text.isEmpty()) {
            SearchQuery query = new SearchQuery(text, typeFilter == null ? Set.of() : Set.of(typeFilter),
                    source.isBlank() ? Set.of() : Set.of(source.strip()), handling, pageNo - 1, PAGE_SIZE);
            SearchResults results = policy.read(scope -> search.search(query, scope));
            model.addAttribute("hits", results.hits().stream().map(h -> view(h, locale)).toList());
            model.addAttribute("total", results.total());
            model.addAttribute("page", pageNo);
            model.addAttribute("pages", results.pages());
        }
        return fragment ? "search :: results" : "search";
    }

    private HitView view(SearchHit h, Locale locale) {
        List<String> reasons = h.reasons().stream().map(r -> reason(r, locale)).distinct().toList();
        return new HitView(h.entityId(), h.type(), h.caption(), (int) Math.round(h.score() * 100), reasons);
    }

    private String reason(Reason r, Locale locale) {
        return messages.getMessage(r.messageKey(), r.args().toArray(), r.code() + " " + String.join(" ", r.args()), locale);
    }

    private List<SourceSummary> sources() {
        return policy.read(scope -> catalogue.sources(0, 100, scope)).items();
    }

    private static EntityType parseType(String raw) {
        if (raw.isBlank()) return null;
        return Arrays.stream(EntityType.values()).filter(t -> !t.isRelation() && t.name().equalsIgnoreCase(raw.strip()))
                .findFirst().orElse(null);
    }

    private static Handling parseHandling(String raw) {
        if (raw.isBlank()) return null;
        return Arrays.stream(Handling.values()).filter(h -> h.name().equalsIgnoreCase(raw.strip())).findFirst().orElse(null);
    }

    private static int parsePage(String raw) {
        try {
            return Math.max(1, Math.min(Integer.parseInt(raw.strip()), 10_000));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
