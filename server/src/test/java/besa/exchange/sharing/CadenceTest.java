package besa.exchange.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Due times in Europe/Tirane: daily and weekdays, both summer-time changes, and missed runs collapsing to one. */
class CadenceTest {
    static Instant utc(String t) {
        return Instant.parse(t);
    }

    @Test
    void dailyAtSevenFollowsTiraneTimeAcrossTheSpringChange() {
        Cadence c = new Cadence(LocalTime.of(7, 0), Set.of());
        assertThat(c.daily()).isTrue();
        // 2026-03-29 is the last Sunday of March: 07:00 is 06:00Z the day before, 05:00Z from that day on.
        assertThat(c.next(utc("2026-03-28T05:00:00Z"))).isEqualTo(utc("2026-03-28T06:00:00Z"));
        assertThat(c.next(utc("2026-03-28T06:00:00Z"))).isEqualTo(utc("2026-03-29T05:00:00Z"));
        assertThat(c.next(utc("2026-03-29T05:00:00Z"))).isEqualTo(utc("2026-03-30T05:00:00Z"));
        // and back on 2026-10-25
        assertThat(c.next(utc("2026-10-24T05:00:00Z"))).isEqualTo(utc("2026-10-25T06:00:00Z"));
        // 14 days across a change are still 14 due times, each at 07:00 local
        var due = c.between(utc("2026-03-22T12:00:00Z"), utc("2026-04-05T12:00:00Z"));
        assertThat(due).hasSize(14);
        assertThat(due).allSatisfy(t -> assertThat(t.atZone(Cadence.ZONE).toLocalTime()).isEqualTo(LocalTime.of(7, 0)));
    }

    @Test
    void aTimeTheSpringChangeSkipsIsDueAnHourLaterAndARepeatedAutumnTimeOnce() {
        Cadence c = new Cadence(LocalTime.of(2, 30), Set.of());
        // 2026-03-29 02:30 does not exist in Tirane (02:00 -> 03:00): due at 03:30 CEST = 01:30Z.
        Instant spring = c.next(utc("2026-03-28T12:00:00Z"));
        assertThat(spring).isEqualTo(utc("2026-03-29T01:30:00Z"));
        assertThat(spring.atZone(Cadence.ZONE).toLocalTime()).isEqualTo(LocalTime.of(3, 30));
        assertThat(c.next(spring)).isEqualTo(utc("2026-03-30T00:30:00Z"));
        // 2026-10-25 02:30 happens twice (03:00 -> 02:00): due once, at the first (CEST, 00:30Z).
        Instant autumn = c.next(utc("2026-10-24T12:00:00Z"));
        assertThat(autumn).isEqualTo(utc("2026-10-25T00:30:00Z"));
        assertThat(c.next(autumn)).isEqualTo(utc("2026-10-26T01:30:00Z")); // not 01:30Z on the 25th
        assertThat(c.between(utc("2026-10-24T12:00:00Z"), utc("2026-10-26T12:00:00Z"))).hasSize(2);
    }

    @Test
    void chosenWeekdaysOnly() {
        Cadence c = new Cadence(LocalTime.of(9, 15), EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY));
        assertThat(c.daily()).isFalse();
        // 2026-12-06 is a Sunday
        Instant next = c.next(utc("2026-12-06T10:00:00Z"));
        assertThat(next.atZone(Cadence.ZONE)).isEqualTo(ZonedDateTime.of(2026, 12, 7, 9, 15, 0, 0, Cadence.ZONE));
        assertThat(c.next(next).atZone(Cadence.ZONE).getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
        assertThat(c.between(utc("2026-12-06T10:00:00Z"), utc("2026-12-20T10:00:00Z"))).hasSize(4);
        assertThat(Cadence.weekdays(c.weekdayBits())).isEqualTo(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY));
    }

    @Test
    void missedDueTimesCollapseToTheLatest() {
        Cadence c = new Cadence(LocalTime.of(7, 0), Set.of());
        // Down from Monday 06:00Z to Friday 10:00Z: the run on start is for Friday 07:00 local only.
        Instant latest = c.latest(utc("2026-12-11T10:00:00Z"));
        assertThat(latest).isEqualTo(utc("2026-12-11T06:00:00Z"));
        assertThat(c.latest(utc("2026-12-11T05:59:00Z"))).isEqualTo(utc("2026-12-10T06:00:00Z"));
        assertThat(c.latest(latest)).isEqualTo(latest); // due exactly now counts
        Cadence mondays = new Cadence(LocalTime.of(7, 0), EnumSet.of(DayOfWeek.MONDAY));
        assertThat(mondays.latest(utc("2026-12-13T10:00:00Z"))).isEqualTo(utc("2026-12-07T06:00:00Z"));
    }
}
