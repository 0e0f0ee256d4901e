package besa.vetting.release;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.vetting.VettingAccess;
import besa.vetting.lead.Lead;
import besa.vetting.lead.LeadImport;
import besa.vetting.lead.LeadStore;
import besa.vetting.lead.LeadsChanged;
import besa.vetting.personnel.VettingAudit;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The vetting unit's side of lead exchange (docs/adr/0006-vetting-leads-released-by-the-vetting-unit.md).
 * Every read goes through {@link VettingAccess} and is audited in the vetting audit; only the fields of
 * {@link ReleasableLead} ever come out.
 */
@Service
public class LeadRelease {
    private final VettingAccess access;
    private final LeadStore store;
    private final JdbcClient jdbc;
    private final VettingAudit vettingAudit;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    LeadRelease(VettingAccess access, LeadStore store, JdbcClient jdbc, VettingAudit vettingAudit, AuditLog audit, ApplicationEventPublisher events) {
        this.access = access;
        this.store = store;
        this.jdbc = jdbc;
        this.vettingAudit = vettingAudit;
        this.audit = audit;
        this.events = events;
    }

    /**
     * The vetting gate for a user's lead-release work (the release pages, the pending list, a decision on a lead
     * package): passes a vetting officer who may do vetting work now; a barred one (suspended, or without officer id)
     * gets {@link besa.vetting.VettingRefused} and the SECURITY_ALERT every vetting page raises; anyone else an
     * AccessDeniedException. Touches no lead.
     */
    public void gate() {
        access.read(scope -> scope);
    }

    /**
     * Leads received or imported at or after {@code since}, at or below {@code maxHandling}, oldest first, read as
     * the application (a daily sharing run has no user; a vetting officer approves what it built). Audited
     * (CONSULTATION) naming {@code purpose}.
     */
    public List<ReleasableLead> since(Instant since, int maxHandling, String purpose) {
        List<ReleasableLead> leads = access.system(scope -> jdbc.sql("select " + COLUMNS + " from lead where received_at >= ? and handling <= ? order by id")
                .params(Timestamp.from(since), maxHandling).query((rs, n) -> row(rs)).list());
        vettingAudit.record(AuditAction.CONSULTATION, "vetting leads read for release (" + purpose + "): " + leads.size() + " at or below H"
                + maxHandling + " since " + since, AuditOutcome.SUCCESS);
        return leads;
    }

    /**
     * Of {@code keys}, the leads the current user may read himself (a vetting officer cleared to their handling
     * code, never leads about himself: the lead table's row-level security); none for anyone else. Audited
     * (CONSULTATION) naming {@code purpose}, as any read of leads.
     */
    public List<ReleasableLead> readable(Collection<ReleasableLead.Key> keys, String purpose) {
        if (keys.isEmpty()) return List.of();
        List<ReleasableLead> found;
        try {
            found = access.read(scope -> {
                String[][] k = keys.stream().map(x -> new String[] {x.originator(), x.reference(), x.kind(), x.value()}).toArray(String[][]::new);
                return jdbc.sql("select " + COLUMNS.replace(", ", ", l.").replaceFirst("^", "l.") + " " + """
                         from lead l join unnest(?::text[], ?::text[], ?::text[], ?::text[]) as k(o, r, t, v)
                              on l.originator = k.o and l.reference = k.r and l.kind = k.t and l.value = k.v
                         where l.handling <= ? and not besa_lead_about(?, l.kind, l.value, l.entity_id) order by l.id""")
                        .params(column(k, 0), column(k, 1), column(k, 2), column(k, 3), scope.clearance(), scope.officer() == null ? "" : scope.officer())
                        .query((rs, n) -> row(rs)).list();
            });
        } catch (AccessDeniedException e) {
            return List.of();
        }
        vettingAudit.record(AuditAction.CONSULTATION, "vetting leads viewed for release (" + purpose + "): " + found.size() + " of " + keys.size(),
                AuditOutcome.SUCCESS);
        return found;
    }

    /**
     * The leads of {@code keys} as they are stored now, by key (a key no longer held is absent), read as the
     * application: a package's leads are checked against them before they leave (who sent them to us, and whether
     * the vetting unit changed them since the package was built). Audited (CONSULTATION) naming {@code purpose}.
     */
    public Map<ReleasableLead.Key, ReleasableLead> current(Collection<ReleasableLead.Key> keys, String purpose) {
        if (keys.isEmpty()) return Map.of();
        String[][] k = keys.stream().map(x -> new String[] {x.originator(), x.reference(), x.kind(), x.value()}).toArray(String[][]::new);
        List<ReleasableLead> found = access.system(scope -> jdbc.sql("select " + COLUMNS.replace(", ", ", l.").replaceFirst("^", "l.") + " " + """
                 from lead l join unnest(?::text[], ?::text[], ?::text[], ?::text[]) as k(o, r, t, v)
                      on l.originator = k.o and l.reference = k.r and l.kind = k.t and l.value = k.v order by l.id""")
                .params(column(k, 0), column(k, 1), column(k, 2), column(k, 3)).query((rs, n) -> row(rs)).list());
        vettingAudit.record(AuditAction.CONSULTATION, "vetting leads checked before release (" + purpose + "): " + found.size() + " of " + keys.size(),
                AuditOutcome.SUCCESS);
        Map<ReleasableLead.Key, ReleasableLead> byKey = new HashMap<>();
        found.forEach(l -> byKey.put(l.key(), l));
        return byKey;
    }

    /** What a receipt did: leads new to the store, leads already held (same originator, reference, kind, value), leads refused and why. */
    public record Receipt(int added, int duplicates, List<String> refused) {}

    /**
     * Stores leads the partner {@code partnerId} sent in message {@code messageId} into the lead table (never into
     * the intelligence store): originator = the partner's {@code agency}, its reference and handling code kept, values
     * cleaned as an import cleans them, a lead already held not added again. Joins the caller's transaction (the
     * receiving side's); {@link LeadsChanged} is heard after its commit, so screening checks the new leads. Audited as
     * COLLECTION with the partner as recipient.
     */
    public Receipt receive(String partnerId, String agency, String messageId, String legalBasis, List<IncomingLead> leads) {
        List<String> refused = new ArrayList<>();
        List<Lead> clean = new ArrayList<>();
        int n = 0;
        for (IncomingLead in : leads) {
            n++;
            Lead.Kind kind = Lead.Kind.parse(in.kind());
            String why = blank(in.reference()) ? "no reference" : blank(in.attribution()) ? "no attribution" : kind == null ? "unknown kind"
                    : in.handling() < 0 || in.handling() > 3 ? "handling code out of H0–H3" : blank(in.value()) ? "no value" : null;
            String value = null;
            if (why == null) {
                try {
                    value = LeadImport.clean(kind, in.value());
                } catch (IllegalArgumentException e) {
                    why = "value: " + e.getMessage();
                }
            }
            if (why != null) {
                refused.add("lead " + n + ": " + why);
                continue;
            }
            String basis = blank(in.legalBasis()) ? (blank(legalBasis) ? "partner exchange" : legalBasis) : in.legalBasis().strip();
            clean.add(new Lead(0, in.reference().strip(), agency, basis, in.handling(), blank(in.platform()) ? null : LeadImport.platform(in.platform()),
                    kind, value, in.value(), in.attribution().strip(), null, null, null));
        }
        Set<Long> added = new HashSet<>();
        access.system(scope -> {
            for (Lead l : clean) store.insert(l, FROM_PARTNER + partnerId).ifPresent(added::add);
            return null;
        });
        Receipt r = new Receipt(added.size(), clean.size() - added.size(), refused);
        audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.COLLECTION, "vetting leads from " + partnerId + " in exchange message " + messageId
                + ": added=" + r.added() + " duplicates=" + r.duplicates() + " refused=" + refused.size()
                + (refused.isEmpty() ? "" : " " + refused), legalBasis == null ? "" : legalBasis, partnerId, AuditOutcome.SUCCESS, ""));
        if (!added.isEmpty()) events.publishEvent(new LeadsChanged(added)); // heard after the caller's commit
        return r;
    }

    private static final String COLUMNS = "id, reference, originator, legal_basis, handling, platform, kind, value, attribution, received_at, imported_by";
    /** How {@link #receive} marks a lead's importer: the partner's id after it (a username cannot hold ':'). */
    static final String FROM_PARTNER = "exchange:";

    private static ReleasableLead row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ReleasableLead(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getTimestamp(10).toInstant(), receivedFrom(rs.getString(11)));
    }

    private static String receivedFrom(String importedBy) {
        return importedBy != null && importedBy.startsWith(FROM_PARTNER) ? importedBy.substring(FROM_PARTNER.length()) : null;
    }

    private static String[] column(String[][] rows, int i) {
        String[] c = new String[rows.length];
        for (int r = 0; r < rows.length; r++) c[r] = rows[r][i];
        return c;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
