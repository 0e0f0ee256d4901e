package besa.exchange.sharing;

import java.util.List;

/**
 * A schedule as an officer sets it (page or REST): partner, category, optional source and originator,
 * time "HH:mm" (Europe/Tirane), weekdays (MONDAY … SUNDAY; none = every day), ceiling H0–H3, active.
 */
public record ScheduleRequest(String partner, String category, String source, String originator, String time, List<String> days,
                              String ceiling, Boolean active) {
    public ScheduleRequest {
        days = days == null ? List.of() : List.copyOf(days);
    }
}
