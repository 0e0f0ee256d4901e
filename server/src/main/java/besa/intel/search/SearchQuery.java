package besa.intel.search;

import besa.intel.model.EntityType;
import besa.intel.model.Handling;
import besa.intel.model.InvalidValueException;
import java.util.Set;

/**
 * What the user typed in the search box, with its filters.
 *
 * @param types       entity types to return; empty means all non-relation types
 * @param sources     source ids whose statements may produce a hit; empty means all
 * @param maxHandling the most restrictive handling code a matching statement may carry (H3 = all)
 * @param page        zero-based page number
 * @param size        hits per page, 1 to {@link #MAX_SIZE}
 */
public record SearchQuery(String text, Set<EntityType> types, Set<String> sources, Handling maxHandling, int page, int size) {
    public static final int MAX_SIZE = 100;
    public static final int MAX_TEXT = 200;

    public SearchQuery {
        text = text == null ? "" : text.strip();
        if (text.isEmpty()) throw new InvalidValueException("the search text is empty: type a name, phone, IMEI, plate, IBAN or e-mail");
        if (text.length() > MAX_TEXT) throw new InvalidValueException("the search text is longer than " + MAX_TEXT + " characters");
        types = types == null ? Set.of() : Set.copyOf(types);
        sources = sources == null ? Set.of() : Set.copyOf(sources);
        maxHandling = maxHandling == null ? Handling.H3 : maxHandling;
        if (page < 0) throw new InvalidValueException("page must be 0 or more, not " + page);
        if (size < 1 || size > MAX_SIZE) throw new InvalidValueException("size must be between 1 and " + MAX_SIZE + ", not " + size);
    }

    /** The first page of 20 hits, unfiltered. */
    public static SearchQuery of(String text) {
        return new SearchQuery(text, Set.of(), Set.of(), Handling.H3, 0, 20);
    }
}
