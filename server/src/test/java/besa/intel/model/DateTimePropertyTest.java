package besa.intel.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** DATETIME cleans moments to a UTC instant; local times are Tirana time, summer and winter. */
class DateTimePropertyTest {
    private static String clean(String raw) {
        return PropertyType.DATETIME.clean(raw);
    }

    @Test
    void offsetsAndZuluBecomeTheUtcInstant() {
        assertThat(clean("2025-03-04T14:30:00+01:00")).isEqualTo("2025-03-04T13:30:00Z");
        assertThat(clean("2025-03-04T13:30:00Z")).isEqualTo("2025-03-04T13:30:00Z");
        assertThat(clean(" 2025-07-04 14:30:15+02:00 ")).isEqualTo("2025-07-04T12:30:15Z");
        assertThat(clean("2025-03-04T13:30:00.750Z")).as("to the second").isEqualTo("2025-03-04T13:30:00Z");
    }

    @Test
    void localTimesAreTiranaTimeWithItsSummerTime() {
        assertThat(clean("2025-03-04T14:30")).isEqualTo("2025-03-04T13:30:00Z");   // CET, +01:00
        assertThat(clean("2025-07-04 14:30:00")).isEqualTo("2025-07-04T12:30:00Z"); // CEST, +02:00
        assertThat(clean("04.03.2025 14:30")).isEqualTo("2025-03-04T13:30:00Z");
        assertThat(clean("4/7/2025 09:05:30")).isEqualTo("2025-07-04T07:05:30Z");
        // 30 March 2025, 02:30 does not exist in Tirana (clocks go 02:00 -> 03:00): moved forward by the gap.
        assertThat(clean("2025-03-30 02:30")).isEqualTo("2025-03-30T01:30:00Z");
    }

    @Test
    void refusesWhatIsNotAMomentAndSaysWhy() {
        assertThatThrownBy(() -> clean("2025-03-04")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("a day alone is not a moment").hasMessageContaining("2025-03-04T14:30:00+01:00");
        assertThatThrownBy(() -> clean("04.03.2025")).isInstanceOf(InvalidValueException.class).hasMessageContaining("a day alone");
        assertThatThrownBy(() -> clean("2025-02-30T10:00")).isInstanceOf(InvalidValueException.class).hasMessageContaining("not a date-time");
        assertThatThrownBy(() -> clean("31.02.2025 10:00")).isInstanceOf(InvalidValueException.class).hasMessageContaining("not a date-time");
        assertThatThrownBy(() -> clean("yesterday at noon")).isInstanceOf(InvalidValueException.class).hasMessageContaining("Tirana local time");
        assertThatThrownBy(() -> clean("2025-03-04T25:00")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> clean("   ")).isInstanceOf(InvalidValueException.class).hasMessageContaining("blank");
    }

    @Test
    void locatedAtCarriesATimeBesideItsDate() {
        assertThat(EntityType.LocatedAt.propertyType("time")).contains(PropertyType.DATETIME);
        assertThat(EntityType.LocatedAt.propertyType("date")).contains(PropertyType.DATE);
        assertThat(PropertyType.DATETIME.searchKeys("2025-03-04T13:30:00Z")).isEmpty();
    }
}
