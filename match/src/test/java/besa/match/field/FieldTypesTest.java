package besa.match.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each field type: normalisation and comparison levels, including the Albanian cases of issue 3. */
class FieldTypesTest {
    private static String level(FieldType t, String a, String b) {
        Field f = t.field();
        int l = f.compare(f.prepare(a), f.prepare(b));
        return l < 0 ? "missing" : f.levels()[l];
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "Hoxha|Хоџа|transliteration", "Hoxha|Χότζα|transliteration", "Hoxha|Hoca|transliteration", "Hoxha|Hodja|transliteration",
        "Hoxha|Hoxa|transliteration", "Çela|Cela|exact", "Çela|CELA|exact", "Shehu|Sceu|transliteration", "Shehu|Şehu|transliteration",
        "Qemal|Kemal|transliteration", "Hoxha|Hoxhja|typo", "Hoxha|Shehu|different", "Krasniqi|Krasniqi;Kraniqi|exact",
    })
    void surnames(String a, String b, String expected) {
        assertThat(level(FieldType.SURNAME, a, b)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "Gjergj|Giergi|transliteration", "Arben|Arbeni|transliteration", "Gjon|Gjoni|transliteration", "Pjetër|Pjeter|exact",
        "Gjergj|George|same name in another language", "Gjon|Giovanni|same name in another language", "Pjetër|Pietro|same name in another language",
        "Gjon|John|same name in another language", "Arben|Ardian|different", "Ylli|Ülli|transliteration", "Arben|Arbem|typo", "Arben|Arben Ilir|part of name",
    })
    void givenNames(String a, String b, String expected) {
        assertThat(level(FieldType.GIVEN_NAME, a, b)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "Arben Ilir Hoxha|Hoxha Arben Ilir|exact", "Arben Ilir Hoxha|Arben Hoxha|part of name", "Arben Ilir Hoxha|HOXHA, Arbeni|part of name",
        "Arben Hoxha|Арбен Хоџа|transliteration", "Arben Hoxha|Ilir Hoxha|different", "Pjetër Gjoka|Pietro Gjoka|same name in another language",
    })
    void fullNames(String a, String b, String expected) {
        assertThat(level(FieldType.FULL_NAME, a, b)).isEqualTo(expected);
    }

    @Test
    void fatherNameIsANameToo() {
        assertThat(level(FieldType.FATHER_NAME, "Xhevdet", "Џевдет")).isEqualTo("transliteration");
        assertThat(level(FieldType.FATHER_NAME, "Ilir", "Agim")).isEqualTo("different");
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "1985-03-12|12.03.1985|exact", "1985-03-12|12/03/1985|exact", "1985-03-12|19850312|exact", "1985-03-12|03.12.1985|day and month swapped",
        "1985-03-12|03/25/1985|same year", "1985-03-12|1985|agrees as far as known", "1985-03-12|1985-03|agrees as far as known",
        "1985-03-12|1985-03-13|typing error", "1985-03-12|1958-03-12|typing error", "1985-03-12|1970-07-30|different", "1985-03-12|1986-04-01|different",
        "1985-03-12|''|missing", "1985-03-12|unknown|missing", "1985-03-12|1984-01-01;1985-03-12|exact",
    })
    void dates(String a, String b, String expected) {
        assertThat(level(FieldType.DATE, a, b)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "+355 69 123 4567|069 123 4567|exact", "+355691234567|00355 69 123 4567|exact", "0691234567|+355-69-123-4567|exact",
        "0691234567|0697654321|different", "0691234567|0671111111;069 123 4567|exact",
    })
    void phones(String a, String b, String expected) {
        assertThat(level(FieldType.PHONE, a, b)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "352099001761481|35209900176148|exact", "352099001761481|35 209900 176148 1|exact", "352099001761481|35-209900-176148-9|exact",
        "352099001761481|352099001761491|one character differs", "352099001761481|490154203237518|different", "352099001761481|12345|missing",
    })
    void imeis(String a, String b, String expected) {
        assertThat(level(FieldType.IMEI, a, b)).isEqualTo(expected);
    }

    @Test
    void emailsIdsPostcodes() {
        assertThat(level(FieldType.EMAIL, "Arben.Hoxha@Gmail.com", "arben.hoxha@gmail.com ")).isEqualTo("exact");
        assertThat(level(FieldType.EMAIL, "robert255@smith.net", "roberta25@smith.net")).isEqualTo("similar");
        assertThat(level(FieldType.EMAIL, "a@b.al", "zz@x.com")).isEqualTo("different");
        assertThat(level(FieldType.ID_NUMBER, "J85312001A", "j85312001a")).isEqualTo("exact");
        assertThat(level(FieldType.ID_NUMBER, "J85312001A", "J85321001A")).isEqualTo("one character differs");
        assertThat(level(FieldType.ID_NUMBER, "J85312001A", "K11111111B")).isEqualTo("different");
        assertThat(level(FieldType.POSTCODE, "1001", "1001")).isEqualTo("exact");
        assertThat(level(FieldType.POSTCODE, "1001", "1002")).isEqualTo("one character differs");
        assertThat(FieldType.ID_NUMBER.field().identifier()).isTrue();
        assertThat(FieldType.POSTCODE.field().identifier()).isFalse();
    }

    @Test
    void addressesCitiesText() {
        assertThat(level(FieldType.CITY, "Korçë", "Korce")).isEqualTo("exact");
        assertThat(level(FieldType.CITY, "Shkodër", "Шкодер")).isEqualTo("transliteration");
        assertThat(level(FieldType.CITY, "Tiranë", "Tirana")).isEqualTo("similar");
        assertThat(level(FieldType.CITY, "Tiranë", "Vlorë")).isEqualTo("different");
        assertThat(level(FieldType.ADDRESS, "Rruga e Kavajës 12", "rruga e kavajes 12")).isEqualTo("exact");
        assertThat(level(FieldType.ADDRESS, "Rruga e Kavajës 12", "Rruga e Kavajes 21")).isEqualTo("typo");
        assertThat(level(FieldType.ADDRESS, "Rruga Myslym Shyri, pallati 5", "Pallati 5, Myslym Shyri")).isEqualTo("shares words");
        assertThat(level(FieldType.TEXT, "blue car", "blue car")).isEqualTo("exact");
        assertThat(level(FieldType.TEXT, "blue car", "")).isEqualTo("missing");
    }

    @Test
    void typeNamesParseAndUnknownTypesAreNamed() {
        assertThat(FieldType.parse("full-name")).isEqualTo(FieldType.FULL_NAME);
        assertThat(FieldType.parse("ID_NUMBER")).isEqualTo(FieldType.ID_NUMBER);
        assertThatThrownBy(() -> FieldType.parse("shoe-size")).hasMessageContaining("unknown field type 'shoe-size'").hasMessageContaining("full-name");
    }

    @Test
    void stringMetrics() {
        assertThat(Strings.jaroWinkler("martha", "marhta")).isBetween(0.96, 0.962);
        assertThat(Strings.jaroWinkler("dixon", "dicksonx")).isBetween(0.81, 0.82);
        assertThat(Strings.withinOneEdit("4066625", "4066652")).isTrue();
        assertThat(Strings.withinOneEdit("4066625", "406625")).isTrue();
        assertThat(Strings.withinOneEdit("4066625", "4062265")).isFalse();
    }
}
