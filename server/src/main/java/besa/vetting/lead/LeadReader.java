package besa.vetting.lead;

import besa.audit.AuditAction;
import besa.audit.AuditOutcome;
import besa.intel.search.Page;
import besa.vetting.VettingAccess;
import besa.vetting.personnel.VettingAudit;
import org.springframework.stereotype.Service;

/** The lead list for the vetting unit: only leads at or below the reader's clearance, every read audited. */
@Service
public class LeadReader {
    private final VettingAccess access;
    private final LeadStore store;
    private final VettingAudit audit;

    LeadReader(VettingAccess access, LeadStore store, VettingAudit audit) {
        this.access = access;
        this.store = store;
        this.audit = audit;
    }

    public Page<Lead> list(LeadStore.Filter filter, int page, int size) {
        return access.read(scope -> {
            audit.record(AuditAction.CONSULTATION, "vetting leads list" + describe(filter) + " page=" + page, AuditOutcome.SUCCESS);
            return new Page<>(store.list(filter, scope.clearance(), scope.officer(), page, size),
                    store.count(filter, scope.clearance(), scope.officer()), page, size);
        });
    }

    private static String describe(LeadStore.Filter f) {
        StringBuilder b = new StringBuilder();
        if (f.q() != null && !f.q().isBlank()) b.append(" q=").append(f.q().strip());
        if (f.platform() != null && !f.platform().isBlank()) b.append(" platform=").append(f.platform().strip());
        if (f.kind() != null) b.append(" kind=").append(f.kind());
        if (f.originator() != null && !f.originator().isBlank()) b.append(" originator=").append(f.originator().strip());
        return b.toString();
    }
}
