package besa.vetting.personnel;

import besa.audit.AuditAction;
import besa.audit.AuditOutcome;
import besa.intel.search.Page;
import besa.vetting.OfficerPseudonyms;
import besa.vetting.VettingAccess;
import java.util.List;
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
    private final OfficerPseudonyms pseudonyms;

    PersonnelReader(VettingAccess access, PersonnelRegister register, VettingAudit audit, OfficerPseudonyms pseudonyms) {
        this.access = access;
        this.register = register;
        this.audit = audit;
        this.pseudonyms = pseudonyms;
    }

    /**
     * Officers matching {@code q} (id, name, unit or rank), or, when {@code q} is a pseudonym from the
     * audit trail ({@code officer#…}), the officer it stands for. The query is audited as a keyed
     * fingerprint, never as typed: it may name the officer looked for.
     */
    public Page<PersonnelRegister.Summary> list(String q, int page, int size) {
        String query = q == null ? "" : q.strip();
        return access.read(scope -> {
            audit.record(AuditAction.CONSULTATION, "vetting personnel list" + (query.isEmpty() ? "" : " q=" + pseudonyms.fingerprint(query)) + " page=" + page,
                    AuditOutcome.SUCCESS);
            if (OfficerPseudonyms.isPseudonym(query)) {
                List<PersonnelRegister.Summary> found = resolve(query, scope.officer());
                return new Page<>(page == 0 ? found : List.of(), found.size(), page, size);
            }
            return new Page<>(register.search(query, scope.officer(), page, size), register.count(query, scope.officer()), page, size);
        });
    }

    /** The officer whose pseudonym is {@code pseudonym}, never the reader himself (he answers like nobody). */
    private List<PersonnelRegister.Summary> resolve(String pseudonym, String hidden) {
        String wanted = pseudonym.toLowerCase(java.util.Locale.ROOT);
        for (String id : register.ids()) {
            if (!OfficerIds.same(id, hidden) && pseudonyms.of(id).equals(wanted)) return register.summary(id).stream().toList();
        }
        return List.of();
    }

    /** The officer with his identifiers, duties and declarations; empty for an unknown id and for the reader's own. */
    public Optional<Officer> officer(String id) {
        return access.read(scope -> {
            if (OfficerIds.same(id, scope.officer())) {
                audit.subjectAlert("officer (his own record)"); // not even his pseudonym: he could follow it through the trail
                return Optional.empty();
            }
            Optional<Officer> o = register.find(id);
            audit.record(AuditAction.CONSULTATION, o.isPresent() ? pseudonyms.of(id) : "officer " + pseudonyms.fingerprint(id),
                    o.isPresent() ? AuditOutcome.SUCCESS : AuditOutcome.FAILED);
            return o;
        });
    }
}
