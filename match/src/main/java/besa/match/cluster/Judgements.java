package besa.match.cluster;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Human judgements on pairs of record ids: positive (same entity) or negative (different). They are
 * constraints: a positive pair is always linked, a negative pair never, whatever the score.
 */
public final class Judgements {
    private final Map<String, Boolean> verdicts = new HashMap<>();
    private final Set<String> positiveIds = new HashSet<>();

    public Judgements positive(String a, String b) {
        verdicts.put(key(a, b), true);
        return this;
    }

    public Judgements negative(String a, String b) {
        verdicts.put(key(a, b), false);
        return this;
    }

    /** TRUE, FALSE, or null when nobody judged the pair. */
    public Boolean verdict(String a, String b) {
        return verdicts.get(key(a, b));
    }

    public boolean isEmpty() {
        return verdicts.isEmpty();
    }

    /** Pairs as [a, b, "true"/"false"]. */
    public Iterable<Map.Entry<String, Boolean>> entries() {
        return verdicts.entrySet();
    }

    static String key(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "\u0000" + b : b + "\u0000" + a;
    }

    public static String[] split(String key) {
        return key.split("\u0000", 2);
    }
}
