package besa.demo;

import java.util.Locale;

/**
 * How much to generate: {@code small} is quick to load and rich to click through; {@code large} holds
 * at least 1,000,000 entities and 13,500 officers, for benchmarks.
 */
public enum DemoSize {
    SMALL(12, 300, 2_600),
    LARGE(5_600, 13_500, 1_000_000);

    final int groups;
    final int officers;
    private final long expectedEntities;

    DemoSize(int groups, int officers, long expectedEntities) {
        this.groups = groups;
        this.officers = officers;
        this.expectedEntities = expectedEntities;
    }

    /** How many entities a scenario of this size holds at least (for large; progress estimates for small). */
    public long expectedEntities() {
        return expectedEntities;
    }

    public int groups() {
        return groups;
    }

    public int officers() {
        return officers;
    }

    public static DemoSize parse(String text) {
        for (DemoSize s : values()) {
            if (s.name().equalsIgnoreCase(text == null ? "" : text.strip())) return s;
        }
        throw new IllegalArgumentException("demo size must be small or large, not '" + text + "'");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
