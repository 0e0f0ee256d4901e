package besa.vetting.insider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every period an entity was a canary (V174's {@code canary_period}), not only the current canaries:
 * a look counts when the entity was a canary at any time within {@code window} of the look, so
 * unmarking a canary, looking at it and marking it again (or looking and then unmarking it before the
 * watch runs) is still a canary lookup.
 */
final class CanaryPeriods {
    private record Period(Instant from, Instant until) {}

    private final Map<String, List<Period>> periods;
    private final Duration window;

    private CanaryPeriods(Map<String, List<Period>> periods, Duration window) {
        this.periods = periods;
        this.window = window;
    }

    static CanaryPeriods load(JdbcClient jdbc, Duration window) {
        Map<String, List<Period>> out = new HashMap<>();
        jdbc.sql("select entity_id, marked_at, unmarked_at from canary_period")
                .query((rs, n) -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Period(rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant())))
                .list();
        return new CanaryPeriods(out, window);
    }

    boolean isEmpty() {
        return periods.isEmpty();
    }

    /** Every entity that is or was a canary. */
    Set<String> entities() {
        return periods.keySet();
    }

    /**
     * Whether {@code entity} was a canary at some moment between {@code at − window} and {@code at + window},
     * or {@code at} lies in a gap between two of its periods (unmarked, looked at, marked again: however
     * long the gap, the look is a canary lookup).
     */
    boolean at(String entity, Instant at) {
        boolean endedBefore = false, startedAfter = false;
        for (Period p : periods.getOrDefault(entity, List.of())) {
            boolean startedBefore = !p.from().isAfter(at.plus(window));
            boolean endedAfter = p.until() == null || !p.until().isBefore(at.minus(window));
            if (startedBefore && endedAfter) return true;
            if (p.until() != null && p.until().isBefore(at)) endedBefore = true;
            if (p.from().isAfter(at)) startedAfter = true;
        }
        return endedBefore && startedAfter;
    }
}
