package besa.api;

import besa.access.AccessPolicy;
import besa.intel.search.EntityCatalogue;
import besa.intel.search.Page;
import besa.intel.search.SourceSummary;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/sources")
@Tag(name = "Sources", description = "Datasets as their originators supplied them")
public class SourceController {
    private final EntityCatalogue catalogue;
    private final AccessPolicy policy;

    public SourceController(EntityCatalogue catalogue, AccessPolicy policy) {
        this.catalogue = catalogue;
        this.policy = policy;
    }

    @GetMapping
    @Operation(summary = "List sources", description = "Source datasets by id, with originator, legal basis and active statement count.")
    public Page<SourceSummary> list(
            @Parameter(description = "Zero-based page number") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Sources per page, 1 to 100") @RequestParam(defaultValue = "20") int size) {
        Params.paging(page, size);
        return policy.read(scope -> catalogue.sources(page, size, scope));
    }
}
