package besa.api;

import besa.access.AccessPolicy;
import besa.access.Justification;
import besa.intel.model.EntityType;
import besa.intel.search.EntityCatalogue;
import besa.intel.search.EntitySummary;
import besa.intel.search.Neighbourhood;
import besa.intel.search.Page;
import besa.intel.store.EntityView;
import besa.intel.store.IntelStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/entities")
@Tag(name = "Entities", description = "Entities and relations, with every value's provenance")
public class EntityController {
    private final IntelStore store;
    private final EntityCatalogue catalogue;
    private final AccessPolicy policy;

    public EntityController(IntelStore store, EntityCatalogue catalogue, AccessPolicy policy) {
        this.store = store;
        this.catalogue = catalogue;
        this.policy = policy;
    }

    @GetMapping
    @Operation(summary = "List entities", description = "Entities by caption, optionally of one type and with statements from one source.")
    public Page<EntitySummary> list(
            @Parameter(description = "Entity type, e.g. Person") @RequestParam(required = false) String type,
            @Parameter(description = "Source id") @RequestParam(required = false) String source,
            @Parameter(description = "Zero-based page number") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "Entities per page, 1 to 100") @RequestParam(defaultValue = "20") int size) {
        Params.paging(page, size);
        EntityType t = type == null || type.isBlank() ? null : Params.parse("type", type, EntityType::parse);
        if (t == null || t == EntityType.Person) policy.requireJustification(); // a list that may hold persons
        return policy.read(scope -> catalogue.entities(t, source == null || source.isBlank() ? null : source.strip(), page, size, scope));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One entity",
            description = "Needs the " + Justification.HEADER + " header for a person. Its properties, every value with its provenance (source, originator, legal basis, first/last seen, "
                    + "evaluation and handling codes, review date), and the relations that touch it with the far end.")
    public EntityDetail get(@Parameter(description = "Entity id") @PathVariable String id) {
        EntityView view = policy.readEntity(id, scope -> store.find(id, scope)).orElseThrow(() -> new NotFoundException("entity", id));
        if (view.type() == EntityType.Person) policy.requireJustification();
        return EntityDetail.of(view);
    }

    @GetMapping("/{id}/neighbours")
    @Operation(summary = "First neighbours as a graph",
            description = "The entity and the entities one relation away, as nodes and edges (relation id, type, subject as "
                    + "source, object as target), for network charts. At most " + EntityCatalogue.MAX_NEIGHBOURS + " relations.")
    public Neighbourhood neighbours(@Parameter(description = "Entity id") @PathVariable String id) {
        Neighbourhood n = policy.readEntity(id, scope -> catalogue.neighbours(id, scope)).orElseThrow(() -> new NotFoundException("entity", id));
        // A company's or a relation's neighbourhood lists persons too: any person in the answer needs the purpose.
        if (n.nodes().stream().anyMatch(node -> node.type() == EntityType.Person)) policy.requireJustification();
        return n;
    }
}
