package besa.intel.search;

import besa.intel.model.EntityType;
import java.util.List;

/**
 * One ranked result.
 *
 * @param score   0 to 1: the share of the query's (rarity-weighted) information the entity matches
 * @param reasons why it matched, one per matching value
 */
public record SearchHit(String entityId, EntityType type, String caption, double score, List<Reason> reasons) {
    public SearchHit {
        reasons = List.copyOf(reasons);
    }
}
