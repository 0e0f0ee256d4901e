package besa.api;

import besa.intel.model.EntityType;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityView;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An entity as the API returns it: every property's values, each with its provenance, and the
 * relations that touch it with the entity at the far end.
 */
public record EntityDetail(String id, EntityType type, String caption, Map<String, List<Value>> properties, List<Relation> relations) {

    /** One value as one source supplied it: the clean value, the text as received, and where it comes from. */
    public record Value(String value, String original, Source provenance) {}

    /** Provenance in the API: the evaluation code as e.g. "B2" and the handling code as e.g. "H2". */
    public record Source(String source, String recordKey, String originator, String legalBasis, LocalDate firstSeen,
            LocalDate lastSeen, String evaluation, String handling, LocalDate reviewDue) {}

    /** A relation (itself an entity) and its far end; {@code outgoing} when this entity is the relation's subject. */
    public record Relation(String relationId, EntityType type, boolean outgoing, String otherId, EntityType otherType, String otherCaption) {}

    static EntityDetail of(EntityView v) {
        Map<String, List<Value>> props = new LinkedHashMap<>();
        v.byProperty().forEach((prop, statements) -> props.put(prop, statements.stream().map(EntityDetail::value).toList()));
        List<Relation> relations = v.edges().stream()
                .map(e -> new Relation(e.relationId(), e.type(), e.outgoing(), e.otherId(), e.otherType(), e.otherCaption()))
                .toList();
        return new EntityDetail(v.id(), v.type(), v.caption(), props, relations);
    }

    private static Value value(Statement s) {
        Provenance p = s.provenance();
        return new Value(s.value(), s.original(), new Source(p.sourceId(), p.recordKey(), p.originator(), p.legalBasis(),
                p.firstSeen(), p.lastSeen(), p.grading().code(), p.handling().name(), p.reviewDue()));
    }
}
