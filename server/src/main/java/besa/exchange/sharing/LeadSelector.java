package besa.exchange.sharing;

import besa.exchange.envelope.LeadWire;
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
import java.util.Set;

/**
 * New vetting leads for a VETTING_LEAD schedule: leads received or imported since the schedule began, at or below
 * the ceiling (and of the schedule's originator, if it names one), not yet considered by it, read through the
 * vetting unit's release interface (audited there) — only the fields a partner may receive (docs/adr/0006). A lead of
 * another partner goes only as its originator allows (Forwarding.leadRefusal: back to it, or with its recorded
 * permission); one that may not is considered, and never sent by this schedule. Its handling code is the one stored.
 */
final class LeadSelector implements Selector {
    private final LeadRelease leads;
    private final Forwarding forwarding;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    LeadSelector(LeadRelease leads, Forwarding forwarding, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.leads = leads;
        this.forwarding = forwarding;
        this.jdbc = jdbc;
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
        for (ReleasableLead l : leads.since(schedule.since(), ceiling.level(), "daily sharing schedule " + schedule.id() + " for " + schedule.partner())) {
            String key = "lead:" + l.id();
            if (done.contains(key)) continue;
            if (schedule.originator() != null && !schedule.originator().equalsIgnoreCase(l.originator())) continue;
            if (entities.size() >= maxEntities) break; // the rest stays new for the next package
            considered.add(key);
            SharedEntity e = LeadWire.entity(new LeadWire.Lead(l.reference(), l.originator(), l.legalBasis(), HandlingCode.of(l.handling()),
                    l.platform(), l.kind(), l.value(), l.attribution()));
            if (forwarding.leadRefusal(l.originator(), e.id(), schedule.partner()).isPresent()) continue; // a partner's lead without its permission
            entities.add(e);
        }
        return new Selection(entities, considered);
    }
}
