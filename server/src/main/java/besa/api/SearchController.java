package besa.api;

import besa.access.AccessPolicy;
import besa.access.Justification;
import besa.intel.model.EntityType;
import besa.intel.search.SearchQuery;
import besa.intel.search.SearchResults;
import besa.intel.search.SearchService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/search")
@Tag(name = "Search", description = "One search box over every entity")
public class SearchController {
    private final SearchService search;
    private final AccessPolicy policy;

    public SearchController(SearchService search, AccessPolicy policy) {
        this.search = search;
        this.policy = policy;
    }

    @GetMapping
    @Operation(summary = "Search entities",
            description = "Finds people across scripts and spellings (Albanian with or without ë/ç, Cyrillic, Greek, Italian, "
                    + "Turkish and English renderings, surname first or last, typos), phones in any format, IMEIs with or "
                    + "without the check digit, plates, document numbers and handles in any spacing or case, IBANs and "
                    + "e-mail addresses. Hits are ranked; each says why it matched (reason code and arguments, rendered "
                    + "by the message key search.reason.<code>). A hit counts only through statements from the allowed "
                    + "sources at or below the allowed handling code, and only entities the user may read are shown or counted. "
                    + "A search that may return persons (no type filter, or Person among the types) needs the header "
                    + Justification.HEADER + ": " + Justification.FORMAT + ".")
    public SearchResults search(
            @Parameter(description = "What to look for: a name, phone, IMEI, plate, document number, handle, IBAN or e-mail")
            @RequestParam String q,
            @Parameter(description = "Entity types to return (repeat or comma-separate); all when absent")
            @RequestParam(required = false) List<String> type,
            @Parameter(description = "Source ids whose statements may produce a hit; all when absent")
            @RequestParam(required = false) List<String> source,
            @Parameter(description = "Most restrictive handling code a matching statement may carry, H0 to H3 (default H3: all)")
            @RequestParam(required = false) String maxHandling,
            @Parameter(description = "Zero-based page number") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Hits per page, 1 to 100") @RequestParam(defaultValue = "20") int size) {
        Params.paging(page, size);
        if (q.isBlank()) throw new BadParameterException("q", q, "the search text is empty");
        if (q.strip().length() > SearchQuery.MAX_TEXT) {
            throw new BadParameterException("q", q.substring(0, 20) + "…", "the search text is longer than " + SearchQuery.MAX_TEXT + " characters");
        }
        SearchQuery query = new SearchQuery(q, Params.types(type), Params.sources(source), Params.handling(maxHandling), page, size);
        if (query.types().isEmpty() || query.types().contains(EntityType.Person)) policy.requireJustification();
        return policy.read(scope -> search.search(query, scope));
    }
}
