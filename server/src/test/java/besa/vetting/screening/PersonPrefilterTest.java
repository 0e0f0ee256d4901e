package besa.vetting.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The prefilter must let through everything the person rule could accept, and may drop the rest. */
class PersonPrefilterTest {
    private final PersonPrefilter filter = new PersonPrefilter();

    PersonPrefilterTest() {
        filter.addOfficer("Arben", "Hoxha", "1985-03-12");
    }

    @Test
    void letsThroughOtherScriptsAndTheDateErrorsTheEngineForgives() {
        assertThat(filter.mayMatch(List.of("Арбен Хоџа"), List.of("12.03.1985"))).isTrue();
        assertThat(filter.mayMatch(List.of("HOXHA Arben"), List.of("1985-03-13"))).isTrue(); // a digit of the day
        assertThat(filter.mayMatch(List.of("Arben Hoxha"), List.of("1958-03-12"))).isTrue(); // the year's digits turned
        assertThat(filter.mayMatch(List.of("Arben Hoxha"), List.of("1985-12-03"))).isTrue(); // day and month swapped
        assertThat(filter.mayMatch(List.of("Hoxha Arben"), List.of("1985"))).isTrue(); // a partial date: the year
    }

    @Test
    void dropsOtherDatesOtherNamesAndPersonsWithoutADate() {
        assertThat(filter.mayMatch(List.of("Arben Hoxha"), List.of("1990-07-01"))).isFalse();
        assertThat(filter.mayMatch(List.of("Dritan Kola"), List.of("1985-03-12"))).isFalse();
        assertThat(filter.mayMatch(List.of("Arben Kola"), List.of("1985-03-12"))).isFalse(); // one name word is not enough
        assertThat(filter.mayMatch(List.of("Hoxha"), List.of("1985-03-12"))).isFalse();
        assertThat(filter.mayMatch(List.of("Arben Hoxha"), List.of())).isFalse();
    }
}
