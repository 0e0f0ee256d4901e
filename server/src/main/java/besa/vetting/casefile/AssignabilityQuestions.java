package besa.vetting.casefile;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.vetting.Assignability;
import besa.vetting.OfficerPseudonyms;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * "May this officer be assigned?" asked by operations, training or the vetting unit: audited, and
 * answered yes or no with nothing else. Nobody may ask about himself: the answer would tell him
 * whether he is under vetting, so the question is refused (always, whatever the answer would be)
 * and recorded as a security alert.
 */
@Service
public class AssignabilityQuestions {
    private final Assignability assignability;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final OfficerPseudonyms pseudonyms;
    private final besa.vetting.VettingAccess access;

    AssignabilityQuestions(Assignability assignability, AuditLog audit, JdbcClient jdbc, OfficerPseudonyms pseudonyms, besa.vetting.VettingAccess access) {
        this.access = access;
        this.assignability = assignability;
        this.audit = audit;
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
    }

    public boolean ask(String officerId, String username, String client) {
        String officer = Cases.text("officerId", officerId);
        // A vetting officer barred from vetting work (suspended, or no officer id: then nothing tells his own
        // id apart) asks nothing here either: the answer would tell him about vetting work.
        access.refuseIfBarred();
        String own = jdbc.sql("select officer_id from app_user where username = ?").param(username).query(String.class).optional().orElse(null);
        if (besa.vetting.personnel.OfficerIds.same(officer, own)) { // case and spaces ignored, as besa_not_self
            // Not even his pseudonym: with it, the asker could follow vetting work on him through the trail.
            audit.record(new AuditEvent(username, AuditAction.SECURITY_ALERT, "assignability of officer (his own)", "", "", AuditOutcome.DENIED, client));
            throw new CaseRefused(CaseRefused.Kind.FORBIDDEN, "officerId", "assignabilitySelf");
        }
        audit.record(AuditEvent.of(username, AuditAction.CONSULTATION, "assignability of " + pseudonyms.of(officer), AuditOutcome.SUCCESS, client));
        return assignability.mayBeAssigned(officer);
    }
}
