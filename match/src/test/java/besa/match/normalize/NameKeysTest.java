package besa.match.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NameKeysTest {
    /** Each row: a name and a rendering of it that must land on the same key. */
    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource({
        "Çela, Cela", "Çela, CELA", "Pjetër, Pjeter", "Pjetër, Pjetri",
        "Hoxha, Хоџа", "Hoxha, Χότζα", "Hoxha, Hoca", "Hoxha, Hodja", "Hoxha, Hoxa", "Hoxha, HOXHA",
        "Gjergj, Giergi", "Gjergj, Gjergji", "Shehu, Sceu", "Shehu, Şehu", "Shehu, Шеху",
        "Qemal, Kemal", "Qemal, Кемал", "Arben, Arbeni", "Gjon, Gjoni", "Gjon, Gion", "Gjon, Ђон",
        "Ylli, Ülli", "Jonuz, Yonuz", "Përparim, Perparim", "Zhaku, Žaku", "Çeliku, Čeliku",
        "Dhimitër, Δημήτρη", "Luli, Lulli", "Leka, Лека", "Frrokaj, Frokaj", "Muça, Muca", "Muça, Mucha",
    })
    void renderingsShareAKey(String name, String rendering) {
        assertThat(Names.keys(rendering)).isEqualTo(Names.keys(name)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} !~ {1}")
    @CsvSource({"Hoxha, Shehu", "Arben, Ardian", "Gjon, Mark", "Kemal, Gani", "Besnik, Bashkim"})
    void differentNamesDiffer(String a, String b) {
        assertThat(Names.keys(a)).isNotEqualTo(Names.keys(b));
    }

    @Test
    void oneKeyPerTokenInOrderWhateverTheOrderOfTheName() {
        assertThat(Names.keys("Arben Ilir Hoxha")).hasSize(3);
        assertThat(Names.keys("HOXHA, Arben")).containsExactly(Names.keys("Hoxha").get(0), Names.keys("Arben").get(0));
        assertThat(Names.keys("Хоџа Арбен")).isEqualTo(Names.keys("Hoxha Arbeni"));
        assertThat(Names.keys("  ")).isEmpty();
        assertThat(Names.keys(null)).isEmpty();
    }

    @Test
    void firstNamesAcrossLanguagesFromTheDataFile() {
        assertThat(Names.givenNameVariants("Gjergj")).contains("gjergj", "giorgio", "george", "georgios");
        assertThat(Names.givenNameVariants("Gjergji")).contains("george");
        assertThat(Names.givenNameVariants("Gjon")).contains("giovanni", "john");
        assertThat(Names.givenNameVariants("Pjetër")).contains("pietro", "peter");
        assertThat(Names.givenNameVariants("Arben")).containsExactly("arben");
        assertThat(Names.sameGivenName("George", "Gjergji")).isTrue();
        assertThat(Names.sameGivenName("Giovanni", "Gjon")).isTrue();
        assertThat(Names.sameGivenName("Peter", "John")).isFalse();
    }

    @Test
    void searchKeysMeetAcrossLanguagesAndScripts() {
        List<String> key = Names.searchKeys("Gjergj Hoxha");
        assertThat(Names.searchKeys("George Hoxha")).isEqualTo(key);
        assertThat(Names.searchKeys("Giorgio Hoca")).isEqualTo(key);
        assertThat(Names.searchKeys("Георгиос Хоџа")).isEqualTo(key);
        assertThat(Names.searchKeys("Giovanni Shehu")).isEqualTo(Names.searchKeys("Gjon Şehu"));
        assertThat(Names.searchKeys("Arben Hoxha")).isNotEqualTo(key);
    }
}
