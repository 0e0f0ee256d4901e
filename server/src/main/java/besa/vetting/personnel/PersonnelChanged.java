package besa.vetting.personnel;

import java.util.Set;

/** Published after a commit that added or changed officers of the register: screening re-screens them. */
public record PersonnelChanged(Set<String> officerIds) {
    public PersonnelChanged {
        officerIds = Set.copyOf(officerIds);
    }
}
