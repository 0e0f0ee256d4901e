package besa.web;

import besa.intel.model.EntityType;
import besa.intel.model.PropertyType;
import besa.intel.model.Statement;
import besa.intel.store.EntityView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the entity page shows: the entity's properties with each value's statements (one per
 * source), and its relations grouped by type and direction.
 */
record EntityPage(String id, EntityType type, String caption, List<PropertyRow> properties, List<RelationGroup> relations,
        int neighbours, int relationCount) {

    /** One property and its distinct clean values. */
    record PropertyRow(String prop, boolean reference, List<ValueRow> values) {}

    /** One clean value and every statement that supplies it; {@code label} names a referenced entity. */
    record ValueRow(String value, String label, List<Statement> statements) {}

    /** Relations of one type, all pointing the same way; {@code key} is e.g. "Uses.out". */
    record RelationGroup(String key, EntityType type, List<EntityView.Edge> edges) {}

    static EntityPage of(EntityView view, Map<String, String> referenceCaptions) {
        List<PropertyRow> rows = new ArrayList<>();
        view.byProperty().forEach((prop, statements) -> {
            boolean reference = view.type().propertyType(prop).orElse(PropertyType.TEXT) == PropertyType.ENTITY;
            Map<String, List<Statement>> byValue = new LinkedHashMap<>();
            for (Statement s : statements) byValue.computeIfAbsent(s.value(), v -> new ArrayList<>()).add(s);
            List<ValueRow> values = byValue.entrySet().stream()
                    .map(e -> new ValueRow(e.getKey(), reference ? referenceCaptions.getOrDefault(e.getKey(), e.getKey()) : e.getKey(),
                            e.getValue()))
                    .toList();
            rows.add(new PropertyRow(prop, reference, values));
        });
        Map<String, List<EntityView.Edge>> groups = new LinkedHashMap<>();
        for (EntityView.Edge e : view.edges()) {
            groups.computeIfAbsent(e.type().name() + (e.outgoing() ? ".out" : ".in"), k -> new ArrayList<>()).add(e);
        }
        List<RelationGroup> relations = groups.entrySet().stream()
                .map(g -> new RelationGroup(g.getKey(), g.getValue().getFirst().type(), g.getValue()))
                .toList();
        long neighbours = view.edges().stream().map(EntityView.Edge::otherId).distinct().count();
        return new EntityPage(view.id(), view.type(), caption(view, referenceCaptions), rows, relations, (int) neighbours,
                view.edges().size());
    }

    /** A relation is named by its two ends ("Arben Hoxha → 069 123 4567"); other entities by their caption. */
    private static String caption(EntityView view, Map<String, String> referenceCaptions) {
        if (!view.type().isRelation()) return view.caption();
        String subject = null, object = null;
        for (Statement s : view.statements()) {
            if (s.prop().equals(EntityType.SUBJECT) && subject == null) subject = referenceCaptions.getOrDefault(s.value(), s.value());
            if (s.prop().equals(EntityType.OBJECT) && object == null) object = referenceCaptions.getOrDefault(s.value(), s.value());
        }
        return subject == null || object == null ? view.caption() : subject + " \u2192 " + object;
    }

    /** Entity ids this view refers to in its own properties (a relation's two ends). */
    static List<String> references(EntityView view) {
        return view.statements().stream()
                .filter(s -> view.type().propertyType(s.prop()).orElse(PropertyType.TEXT) == PropertyType.ENTITY)
                .map(Statement::value).distinct().toList();
    }
}
