package besa.exchange.partner;

import besa.intel.model.EntityType;
import java.util.EnumSet;
import java.util.Set;

/** What kind of material an agreement lets cross to a partner. */
public enum Category {
    PERSON,
    ORGANISATION,
    VETTING_LEAD,
    CYBER_INDICATOR,
    OPERATION_RESULT;

    /**
     * The category an entity of this type is shared under: organisations, events (operation
     * results), indicators and observables (cyber), and persons with what identifies them (phones,
     * devices, accounts, vehicles, places, relations). Vetting leads are not store entities.
     */
    public static Category of(EntityType type) {
        return switch (type) {
            case Organization -> ORGANISATION;
            case Event -> OPERATION_RESULT;
            case Indicator, Observable -> CYBER_INDICATOR;
            default -> PERSON;
        };
    }

    /** The entity types shared under this category (none for vetting leads). */
    public Set<EntityType> entityTypes() {
        Set<EntityType> types = EnumSet.noneOf(EntityType.class);
        for (EntityType t : EntityType.values()) if (of(t) == this) types.add(t);
        return types;
    }
}
