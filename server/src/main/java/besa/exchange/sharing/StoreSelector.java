package besa.exchange.sharing;

import besa.access.ReadScope;
import besa.exchange.envelope.SharedEntity;
import besa.exchange.envelope.SharedStatement;
import besa.exchange.messages.Forwarding;
import besa.exchange.partner.Category;
import besa.exchange.partner.HandlingCode;
import besa.intel.model.EntityType;
import besa.intel.model.Statement;
import besa.intel.store.EntityView;
import besa.intel.store.IntelStore;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * New material of the intelligence store: entities of the category's types with a live statement
 * within the ceiling (and the schedule's source / originator) stored since the schedule began and not
 * yet considered by it. Each such entity goes with all its live statements that pass the same limits
 * and the originators' forwarding rules, exactly as Exchange.send would accept them. An entity in a
 * compartment (or a vetting file) is considered but never sent.
 */
final class StoreSelector implements Selector {
    private final JdbcClient jdbc;
    private final IntelStore store;
    private final Forwarding forwarding;

    StoreSelector(JdbcClient jdbc, IntelStore store, Forwarding forwarding) {
        this.jdbc = jdbc;
        this.store = store;
        this.forwarding = forwarding;
    }

    @Override
    public Set<Category> categories() {
        return EnumSet.of(Category.PERSON, Category.ORGANISATION, Category.CYBER_INDICATOR, Category.OPERATION_RESULT);
    }

    @Override
    public Selection select(Schedule schedule, HandlingCode ceiling, int maxEntities) {
        Set<EntityType> types = schedule.category().entityTypes();
        StringBuilder sql = new StringBuilder("""
                select s.id, s.entity_id from statement s join entity e on e.id = s.entity_id
                where s.retired_at is null and s.handling <= :ceiling and e.type in (:types) and s.created_at >= :since
                  and not exists (select 1 from exchange_sharing_item i where i.schedule_id = :schedule and i.item_key = 'statement:' || s.id)""");
        if (schedule.source() != null) sql.append(" and s.source_id = :source");
        if (schedule.originator() != null) sql.append(" and s.originator = :originator");
        sql.append(" order by s.id");
        var q = jdbc.sql(sql.toString()).param("ceiling", ceiling.level()).param("types", types.stream().map(Enum::name).toList())
                .param("since", Timestamp.from(schedule.since())).param("schedule", schedule.id());
        if (schedule.source() != null) q = q.param("source", schedule.source());
        if (schedule.originator() != null) q = q.param("originator", schedule.originator());
        Map<String, List<String>> byEntity = new LinkedHashMap<>(); // oldest new statement first
        q.query((RowCallbackHandler) rs -> {
            String entity = rs.getString(2);
            if (byEntity.containsKey(entity) || byEntity.size() < maxEntities) {
                byEntity.computeIfAbsent(entity, k -> new ArrayList<>()).add("statement:" + rs.getLong(1));
            }
        });
        // Read as a reader in no compartment, cleared to the ceiling: compartmented and vetting-file entities never go into an
        // automatic package. The settings make the row-level security show the restriction rows to the conditions (this transaction only).
        ReadScope scope = ReadScope.user("sharing:" + schedule.id(), ceiling.level(), List.of(), List.of(), new long[0], false, false, null);
        store.applyScope(scope);
        List<SharedEntity> entities = new ArrayList<>();
        List<String> considered = new ArrayList<>();
        for (var e : byEntity.entrySet()) {
            considered.addAll(e.getValue());
            store.find(e.getKey(), scope).flatMap(v -> shared(v, schedule, ceiling)).ifPresent(entities::add);
        }
        return new Selection(entities, considered);
    }

    private Optional<SharedEntity> shared(EntityView v, Schedule schedule, HandlingCode ceiling) {
        List<Statement> kept = new ArrayList<>();
        for (Statement s : v.statements()) {
            var p = s.provenance();
            if (p.handling().level() > ceiling.level()) continue;
            if (schedule.source() != null && !schedule.source().equals(p.sourceId())) continue;
            if (schedule.originator() != null && !schedule.originator().equals(p.originator())) continue;
            if (forwarding.refusal(v.id(), s, schedule.partner()).isPresent()) continue; // a partner's H2/H3 without its permission
            kept.add(s);
        }
        if (kept.isEmpty()) return Optional.empty();
        List<SharedStatement> statements = kept.stream().map(s -> new SharedStatement(s.prop(), s.value(), s.provenance().originator(),
                s.provenance().sourceId(), s.provenance().legalBasis(), s.provenance().grading().code(),
                HandlingCode.of(s.provenance().handling().level()))).toList();
        // The caption from what leaves only: the stored one may come from a statement above the ceiling.
        return Optional.of(new SharedEntity(v.id(), v.type().name(), schedule.category(), IntelStore.caption(v.type(), kept), statements));
    }
}
