package besa.vetting.personnel;

import besa.audit.AuditAction;
import besa.audit.AuditOutcome;
import besa.intel.search.Page;
import besa.vetting.VettingAccess;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Reads of the personnel register for the vetting unit, each audited. An officer never sees his own
 * record: it is left out of his lists, and asking for it answers exactly like an unknown id while the
 * audit trail gets a SECURITY_ALERT.
 */
@Service
public class PersonnelReader {
    private final VettingAccess access;
    private final PersonnelRegister register;
    private final VettingAudit audit;

    PersonnelReader(VettingAccess access, PersonnelRegister register, VettingAudit audit) {
        this.access = access;
        this.register = register;
        this.audit = audit;
    }

    public Page<PersonnelRegister.Summary> list(String q, int page, int size) {
        String query = q == null ? "" : q.strip();
        return access.read(scope -> {
            audit.record(AuditAction.CONSULTATION, "vetting personnel list" + (query.isEmpty() ? "" : " q=" + query) + " page=" + page,
                    AuditOutcome.SUCCESS);
            return new Page<>(register.search(query, scope.officer(), page, size), register.count(query, scope.officer()), page, size);
        });
    }

    /** The officer with his identifiers, duties and declarations; empty for an unknown id and for the reader's own. */
    public Optional<Officer> officer(String id) {
        String target = "officer " + id;
        return access.read(scope -> {
            if (OfficerIds.same(id, scope.officer())) {
                audit.subjectAlert(target);
                return Optional.empty();
            }
            Optional<Officer> o = register.find(id);
            audit.record(AuditAction.CONSULTATION, target, o.isPresent() ? AuditOutcome.SUCCESS : AuditOutcome.FAILED);
            return o;
        });
    }
}
