package besa.exchange.partner;

import besa.exchange.envelope.Payload;
import besa.exchange.envelope.SharedEntity;
import besa.exchange.envelope.SharedStatement;
import besa.intel.model.EntityType;
import java.util.Optional;

/**
 * Sharing narrows: what an agreement does not allow neither leaves nor enters. Checked by the
 * sender before anything is sealed and again by the receiver against its own agreement.
 */
public final class Sharing {
    private Sharing() {}

    /** The first thing in {@code payload} the agreement forbids, described; empty when all is allowed. */
    public static Optional<String> violation(Agreement agreement, Payload payload) {
        for (SharedEntity e : payload.entities()) {
            Category declared = declaredCategory(e);
            if (declared != e.category()) {
                return Optional.of("entity " + e.id() + " is a " + e.type() + ", shared as " + declared + ", not as " + e.category());
            }
            if (!agreement.categories().contains(e.category())) {
                return Optional.of("entity " + e.id() + " is " + e.category() + ", which the agreement with " + agreement.partnerId() + " does not cover");
            }
            for (SharedStatement s : e.statements()) {
                if (!s.handling().atMost(agreement.maxHandling())) {
                    return Optional.of("entity " + e.id() + " property " + s.prop() + " is " + s.handling() + ", above the agreement's maximum "
                            + agreement.maxHandling());
                }
            }
        }
        return Optional.empty();
    }

    /** The category an entity's type belongs to, so a sender cannot label a person as a cyber indicator to pass an agreement. */
    private static Category declaredCategory(SharedEntity e) {
        if (besa.exchange.envelope.LeadWire.TYPE.equals(e.type())) return Category.VETTING_LEAD; // a lead is no store entity
        try {
            return Category.of(EntityType.parse(e.type()));
        } catch (RuntimeException unknownType) {
            return e.category(); // an unknown type is refused by the content check, with its own reason
        }
    }
}
