package besa.exchange.messages;

import besa.exchange.envelope.Payload;
import java.util.List;

/**
 * Exactly what would leave ({@code payload}: every entity with every statement and its codes), what
 * stays behind and why ({@code withheld}), and why a second officer must approve ({@code approval},
 * empty when none is needed).
 */
public record Preview(String partner, String legalBasis, String maxHandling, Payload payload, List<Withheld> withheld, List<String> approval) {
    /** One entity or statement that will not leave: entity id, property (null: the whole entity) and the reason. */
    public record Withheld(String entity, String prop, String value, String handling, String reason) {}

    /** Something leaves: entities, or a note when no entity was asked for (see Messages.compose). */
    public boolean sendable() {
        return !payload.entities().isEmpty() || (withheld.isEmpty() && !payload.note().isBlank());
    }
}
