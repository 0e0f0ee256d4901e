package besa.exchange.envelope;

import besa.exchange.partner.Category;
import java.util.List;

/** An entity as it travels: its id at the originator, type, sharing category, caption and statements. */
public record SharedEntity(String id, String type, Category category, String caption, List<SharedStatement> statements) {
    public SharedEntity {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("a shared entity needs an id");
        if (type == null || type.isBlank()) throw new IllegalArgumentException("entity " + id + " needs a type");
        if (category == null) throw new IllegalArgumentException("entity " + id + " needs a sharing category");
        caption = caption == null ? "" : caption;
        statements = statements == null ? List.of() : List.copyOf(statements);
    }
}
