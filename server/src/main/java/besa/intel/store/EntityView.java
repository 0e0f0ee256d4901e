package besa.intel.store;

import besa.intel.model.EntityType;
import besa.intel.model.Statement;
import java.util.List;
import java.util.Map;

/**
 * An entity as the store derives it from its active statements, with its first neighbours.
 *
 * @param edges relations that touch this entity, with the entity at the other end
 */
public record EntityView(String id, EntityType type, String caption, List<Statement> statements, List<Edge> edges) {
    /** One relation: its own entity id and type, the far end, and whether this entity is the subject. */
    public record Edge(String relationId, EntityType type, boolean outgoing, String otherId, EntityType otherType, String otherCaption) {}

    public Map<String, List<Statement>> byProperty() {
        var m = new java.util.LinkedHashMap<String, List<Statement>>();
        for (String p : type.properties().keySet()) {
            List<Statement> values = statements.stream().filter(s -> s.prop().equals(p)).toList();
            if (!values.isEmpty()) m.put(p, values);
        }
        return m;
    }
}
