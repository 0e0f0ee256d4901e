package besa.vetting.personnel;

import java.util.List;

/**
 * What an HR import did. {@code committed} false: the file was refused because of {@code problems}
 * and nothing was stored; true with problems: those rows were skipped and the rest imported.
 *
 * @param rows        data rows read
 * @param imported    rows stored
 * @param refused     rows refused (one or more problems each)
 * @param officers    officers the file carries (in its valid rows)
 * @param added       officers new to the register
 * @param changed     officers already registered whose rows of this kind changed
 * @param deactivated officers marked inactive because a whole-register file no longer carries them
 */
public record PersonnelImportResult(PersonnelFileKind kind, boolean committed, int rows, int imported, int refused, int officers, int added,
        int changed, int deactivated, List<RowProblem> problems) {

    public PersonnelImportResult {
        problems = List.copyOf(problems);
    }

    public String summary() {
        return kind.id() + ": rows=" + rows + " imported=" + imported + " refused=" + refused + " officers=" + officers + " added=" + added
                + " changed=" + changed + " deactivated=" + deactivated + (committed ? "" : " (refused, nothing stored)");
    }
}
