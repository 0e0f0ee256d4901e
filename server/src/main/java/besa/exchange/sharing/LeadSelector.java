package besa.exchange.sharing;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import besa.exchange.envelope.Contents;
import besa.exchange.envelope.LeadWire;
import besa.exchange.envelope.Payload;
import besa.exchange.envelope.SharedEntity;
import besa.exchange.messages.Forwarding;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.vetting.release.LeadRelease;
import besa.vetting.release.ReleasableLead;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * New vetting leads for a VETTING_LEAD schedule: leads received or imported since the schedule began, at or below
 * the ceiling (and of the schedule's originator, if it names one), not yet considered by it, read through the
 * vetting unit's release interface (audited there) — only the fields a partner may receive (docs/adr/0006). A lead
 * received from a partner goes only as that partner allows (Forwarding.leadRefusal, by partner id: back to it, or
 * with its recorded permission); one that may not is considered, and never sent by this schedule. A lead that
 * cannot travel as stored (Contents: too long a field, control characters …) is skipped and audited with the reason
 * (not considered: corrected, the next package takes it), so one bad lead never makes the whole package refused at release. Its handling code is the one stored.
 */
final class LeadSelector implements Selector {
    private final LeadRelease leads;
    private final Forwarding forwarding;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final AuditLog audit;

    LeadSelector(LeadRelease leads, Forwarding forwarding, org.springframework.jdbc.core.simple.JdbcClient jdbc, AuditLog audit) {
        this.leads = leads;
        this.forwarding = forwarding;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public Set<Category> categories() {
        return EnumSet.of(Category.VETTING_LEAD);
    }

    @Override
    public Selection select(Schedule schedule, HandlingCode ceiling, int maxEntities) {
        Set<String> done = new HashSet<>(jdbc.sql("select item_key from exchange_sharing_item where schedule_id = ? and item_key like 'lead:%'")
                .param(schedule.id()).query(String.class).list());
        List<SharedEntity> entities = new ArrayList<>();
        List<String> considered = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (ReleasableLead l : leads.since(schedule.since(), ceiling.level(), "daily sharing schedule " + schedule.id() + " for " + schedule.partner())) {
            String key = "lead:" + l.id();
            if (done.contains(key)) continue;
            if (schedule.originator() != null && !schedule.originator().equalsIgnoreCase(l.originator())) continue;
            if (entities.size() >= maxEntities) break; // the rest stays new for the next package
            SharedEntity e = LeadWire.entity(new LeadWire.Lead(l.reference(), l.originator(), l.legalBasis(), HandlingCode.of(l.handling()),
                    l.platform(), l.kind(), l.value(), l.attribution()));
            if (forwarding.leadRefusal(l, e.id(), schedule.partner()).isPresent()) { // a partner's lead without its permission
                considered.add(key);
                continue;
            }
            Optional<String> bad = Contents.problem(new Payload("", List.of(e)));
            if (bad.isPresent()) { // not considered: once the vetting unit corrects it, the next package takes it
                skipped.add("lead " + l.id() + ": " + bad.get()); // names the lead's row and field, never its value
                continue;
            }
            considered.add(key);
            entities.add(e);
        }
        if (!skipped.isEmpty()) {
            audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.DISCLOSURE, "vetting leads skipped by daily sharing schedule " + schedule.id()
                    + ": " + skipped.size() + " cannot travel as stored", String.join("; ", skipped), schedule.partner(), AuditOutcome.DENIED, ""));
        }
        return new Selection(entities, considered, skipped.size());
    }
}
