package besa.vetting.lead;

import besa.vetting.personnel.RowProblem;
import java.util.List;

/**
 * What a lead import did. {@code committed} false: refused because of {@code problems}, nothing
 * stored; true with problems: those rows skipped.
 *
 * @param added      leads new to the store (their ids in {@code newIds})
 * @param duplicates rows already stored (same originator, reference, kind and value)
 */
public record LeadImportResult(boolean committed, int rows, int added, int duplicates, int refused, List<RowProblem> problems, List<Long> newIds) {
    public LeadImportResult {
        problems = List.copyOf(problems);
        newIds = List.copyOf(newIds);
    }

    public String summary() {
        return "rows=" + rows + " added=" + added + " duplicates=" + duplicates + " refused=" + refused + (committed ? "" : " (refused, nothing stored)");
    }
}
