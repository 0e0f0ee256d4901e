package besa.intel;

import java.util.Set;

/**
 * Published (to listeners after the commit) when an import added, altered or retired intelligence
 * entities. A big import does not list its ids: {@code everything} then means "too many to list, look
 * at all of it" (for the screening: run in full instead).
 *
 * @param entityIds  the entities staged by the import (relations included), empty when {@code everything}
 * @param everything true when the import was too big to list
 */
public record IntelChanged(Set<String> entityIds, boolean everything) {
    /** Above this many entities an import publishes {@link #everything} instead of ids. */
    public static final int MAX_IDS = 50_000;

    public IntelChanged {
        entityIds = everything ? Set.of() : Set.copyOf(entityIds);
    }

    public IntelChanged(Set<String> entityIds) {
        this(entityIds, false);
    }

    /** A change too big to list. */
    public static IntelChanged tooManyToList() {
        return new IntelChanged(Set.of(), true);
    }
}
