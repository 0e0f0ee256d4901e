package besa.vetting.lead;

import java.util.Set;

/** Published after a commit that added leads: screening checks them against the register. */
public record LeadsChanged(Set<Long> leadIds) {
    public LeadsChanged {
        leadIds = Set.copyOf(leadIds);
    }
}
