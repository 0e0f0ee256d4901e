package besa.match.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NormalizeTest {
    @Test
    void albanianPhonesInEveryFormatBecomeOneE164() {
        for (String raw : new String[] {"+355 69 123 4567", "00355691234567", "0069 123 4567", "069 123 4567", "691234567", "+355-69-123-4567"}) {
            assertThat(Phones.toE164(raw)).as(raw).contains("+355691234567");
        }
        assertThat(Phones.toE164("+383 44 123 456")).contains("+38344123456");
        assertThat(Phones.toE164("not a phone")).isEmpty();
    }

    @Test
    void imeiCoreIgnoresCheckDigitAndSeparators() {
        assertThat(Imeis.core("35-209900-176148-1")).contains("35209900176148");
        assertThat(Imeis.core("35209900176148")).contains("35209900176148");
        assertThat(Imeis.core("352099001761489")).contains("35209900176148");
        assertThat(Imeis.isValid("352099001761481")).isTrue();
        assertThat(Imeis.isValid("352099001761489")).isFalse();
        assertThat(Imeis.withCheckDigit("35209900176148")).isEqualTo("352099001761481");
        assertThat(Imeis.core("12345")).isEmpty();
        assertThat(Imeis.core("3520990017614X")).isEmpty();
    }

    @Test
    void datesInFullAndPartialForms() {
        assertThat(PartialDate.parse("1985-03-12").map(PartialDate::iso)).contains("1985-03-12");
        assertThat(PartialDate.parse("12.03.1985").map(PartialDate::iso)).contains("1985-03-12");
        assertThat(PartialDate.parse("12/03/1985").map(PartialDate::iso)).contains("1985-03-12");
        assertThat(PartialDate.parse("19850312").map(PartialDate::iso)).contains("1985-03-12");
        assertThat(PartialDate.parse("1985-3").map(PartialDate::iso)).contains("1985-03");
        assertThat(PartialDate.parse("1985").map(PartialDate::iso)).contains("1985");
        assertThat(PartialDate.parse("31.02.1985")).isEmpty();
        assertThat(PartialDate.parse("yesterday")).isEmpty();
    }

    @Test
    void namesFoldAcrossScriptsAndDiacritics() {
        assertThat(Names.fold("Çela, Pjetër")).isEqualTo("cela pjeter");
        assertThat(Names.fold("Хоџа")).isEqualTo("hoda");
        assertThat(Names.tokens("  Arben  ILIR Hoxha ")).containsExactly("arben", "ilir", "hoxha");
        assertThat(Names.fold(null)).isEmpty();
    }
}
