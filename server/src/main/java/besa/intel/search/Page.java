package besa.intel.search;

import besa.intel.model.InvalidValueException;
import java.util.List;

/** One page of a list, with the total the list holds. */
public record Page<T>(List<T> items, long total, int page, int size) {
    public static final int MAX_SIZE = 100;

    public Page {
        items = List.copyOf(items);
    }

    /** Refuses a page number or size outside the allowed range, saying which and why. */
    public static void check(int page, int size) {
        if (page < 0) throw new InvalidValueException("page must be 0 or more, not " + page);
        if (size < 1 || size > MAX_SIZE) throw new InvalidValueException("size must be between 1 and " + MAX_SIZE + ", not " + size);
    }
}
