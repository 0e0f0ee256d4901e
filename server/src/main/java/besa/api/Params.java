package besa.api;

import besa.intel.model.EntityType;
import besa.intel.model.Handling;
import besa.intel.model.InvalidValueException;
import besa.intel.search.Page;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Parses request parameters into domain values, naming the parameter when a value is refused. */
final class Params {
    private Params() {}

    static <T> T parse(String parameter, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (InvalidValueException e) {
            throw new BadParameterException(parameter, value, e.getMessage());
        }
    }

    static Set<EntityType> types(List<String> values) {
        Set<EntityType> out = new LinkedHashSet<>();
        if (values != null) for (String v : values) if (!v.isBlank()) out.add(parse("type", v, EntityType::parse));
        return out;
    }

    static Set<String> sources(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        if (values != null) for (String v : values) if (!v.isBlank()) out.add(v.strip());
        return out;
    }

    static Handling handling(String value) {
        return value == null || value.isBlank() ? Handling.H3 : parse("maxHandling", value, Handling::parse);
    }

    static void paging(int page, int size) {
        if (page < 0) throw new BadParameterException("page", String.valueOf(page), "page must be 0 or more");
        if (size < 1 || size > Page.MAX_SIZE) {
            throw new BadParameterException("size", String.valueOf(size), "size must be between 1 and " + Page.MAX_SIZE);
        }
    }
}
