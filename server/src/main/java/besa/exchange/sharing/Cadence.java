package besa.exchange.sharing;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * When a schedule is due: at a local time in Europe/Tirane on chosen weekdays (all seven = daily).
 * Summer time: a time the spring change skips (02:00–02:59 on the last Sunday of March) is due one
 * hour later, as {@link ZonedDateTime#of} moves it past the gap; a time the autumn change repeats
 * (02:00–02:59 on the last Sunday of October) is due once, at its first occurrence.
 */
public record Cadence(LocalTime at, Set<DayOfWeek> days) {
    public static final ZoneId ZONE = ZoneId.of("Europe/Tirane");

    public Cadence {
        if (at == null) throw new IllegalArgumentException("a time of day is required");
        at = at.truncatedTo(ChronoUnit.MINUTES);
        days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    public boolean daily() {
        return days.size() == 7;
    }

    /** The due instant on {@code date}, or null when that weekday is not chosen. */
    public Instant on(LocalDate date) {
        return days.contains(date.getDayOfWeek()) ? ZonedDateTime.of(date, at, ZONE).toInstant() : null;
    }

    /** The first due time strictly after {@code t}. */
    public Instant next(Instant t) {
        LocalDate d = t.atZone(ZONE).toLocalDate().minusDays(1);
        for (int i = 0; i < 9; i++) {
            Instant due = on(d.plusDays(i));
            if (due != null && due.isAfter(t)) return due;
        }
        throw new IllegalStateException("no due time within a week after " + t); // a chosen weekday always comes within 8 days
    }

    /** The last due time at or before {@code t}. */
    public Instant latest(Instant t) {
        LocalDate d = t.atZone(ZONE).toLocalDate().plusDays(1);
        for (int i = 0; i < 9; i++) {
            Instant due = on(d.minusDays(i));
            if (due != null && !due.isAfter(t)) return due;
        }
        throw new IllegalStateException("no due time within a week before " + t);
    }

    /** Due times in ({@code from}, {@code to}], in order. */
    public List<Instant> between(Instant from, Instant to) {
        List<Instant> out = new ArrayList<>();
        for (Instant t = next(from); !t.isAfter(to); t = next(t)) out.add(t);
        return out;
    }

    /** Weekdays as a bit set (bit 0 = Monday), as stored. */
    public int weekdayBits() {
        int bits = 0;
        for (DayOfWeek d : days) bits |= 1 << (d.getValue() - 1);
        return bits;
    }

    public static Set<DayOfWeek> weekdays(int bits) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) if ((bits & (1 << (d.getValue() - 1))) != 0) out.add(d);
        return out;
    }
}
