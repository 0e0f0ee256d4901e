package besa.intel.search;

import besa.intel.model.EntityType;
import java.util.List;

/**
 * An entity and its first neighbours as a graph (for the network chart): nodes, and edges that are
 * relations from {@code source} (the relation's subject) to {@code target} (its object).
 */
public record Neighbourhood(String centre, List<Node> nodes, List<Link> edges) {
    public record Node(String id, EntityType type, String caption) {}

    public record Link(String id, EntityType type, String source, String target) {}
}
