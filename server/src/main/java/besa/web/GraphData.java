package besa.web;

import besa.intel.model.EntityType;
import besa.intel.store.EntityView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The first-neighbour network of one entity in Cytoscape.js's element format: nodes and edges,
 * each wrapped in {@code data}.
 */
record GraphData(List<Element> nodes, List<Element> edges, boolean capped) {
    /** Enough for a readable chart; the text list on the page holds every relation. */
    static final int MAX_EDGES = 150;

    record Element(Map<String, Object> data) {}

    static GraphData of(EntityView view, Function<EntityType, String> typeLabel, Function<String, String> relationLabel,
            Function<String, String> href) {
        Map<String, Element> nodes = new LinkedHashMap<>();
        nodes.put(view.id(), node(view.id(), view.caption(), view.type(), typeLabel, href, true));
        List<Element> edges = new ArrayList<>();
        List<EntityView.Edge> shown = view.edges().stream().limit(MAX_EDGES).toList();
        for (EntityView.Edge e : shown) {
            nodes.computeIfAbsent(e.otherId(), id -> node(id, e.otherCaption(), e.otherType(), typeLabel, href, false));
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("id", e.relationId());
            d.put("source", e.outgoing() ? view.id() : e.otherId());
            d.put("target", e.outgoing() ? e.otherId() : view.id());
            d.put("type", e.type().name());
            d.put("label", relationLabel.apply(e.type().name()));
            edges.add(new Element(d));
        }
        return new GraphData(List.copyOf(nodes.values()), edges, view.edges().size() > shown.size());
    }

    private static Element node(String id, String caption, EntityType type, Function<EntityType, String> typeLabel,
            Function<String, String> href, boolean center) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("label", caption == null || caption.isBlank() ? typeLabel.apply(type) : caption);
        d.put("type", type.name());
        d.put("typeLabel", typeLabel.apply(type));
        d.put("href", href.apply(id));
        d.put("center", center);
        return new Element(d);
    }
}
