package besa.exchange.hit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import besa.match.privacy.ClkRecord;
import besa.match.privacy.Identifier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Uploaded cross-matching lists: normalised identifiers and persons, and every bad line named. */
class ListCsvTest {
    @Test
    void identifiersAreNormalisedAndAHeaderCommentsAndBlankLinesSkipped() {
        List<Identifier> ids = ListCsv.identifiers("""
                kind,value
                # roster 2026
                phone,069 123 4567
                PHONE;+355 69 123 4568

                imei,"35-693803-564380-9"
                document,al,"BA 123 4567"
                """);
        assertThat(ids).containsExactly(new Identifier(Identifier.Kind.PHONE, "+355691234567"), new Identifier(Identifier.Kind.PHONE, "+355691234568"),
                new Identifier(Identifier.Kind.IMEI, "35693803564380"), new Identifier(Identifier.Kind.DOCUMENT, "AL:BA1234567"));
    }

    @Test
    void everyBadLineIsReportedAndNothingReturned() {
        assertThatThrownBy(() -> ListCsv.identifiers("phone,+355691234567\nphone,12\nfax,5\ndocument,ALB,1\nimei\n\"phone,1\n"))
                .isInstanceOfSatisfying(ListCsv.Invalid.class, e -> assertThat(e.errors).extracting(ListCsv.LineError::line).containsExactly(2, 3, 4, 5, 6))
                .hasMessageContaining("line 2: '12' is not a valid phone number")
                .hasMessageContaining("line 3: 'fax' is not phone, imei or document")
                .hasMessageContaining("line 4: expected document,<issuing country, 2 letters>,<number>");
        assertThatThrownBy(() -> ListCsv.identifiers("# only a comment\n")).hasMessageContaining("no lines");
    }

    @Test
    void personsNeedGivenNameSurnameAndADate() {
        assertThat(ListCsv.persons("given,father,surname,birth date\nArben,Gjergj,Hoxha,12.03.1985\n\"Ilir\",,Krasniqi,1988-07-21\n"))
                .containsExactly(new ClkRecord("Arben", "Gjergj", "Hoxha", "12.03.1985"), new ClkRecord("Ilir", "", "Krasniqi", "1988-07-21"));
        assertThatThrownBy(() -> ListCsv.persons("Arben,Gjergj,Hoxha\nIlir,,,1988-07-21\nBesnik,Kujtim,Shehu,someday\n"))
                .isInstanceOfSatisfying(ListCsv.Invalid.class, e -> assertThat(e.errors).extracting(ListCsv.LineError::message).containsExactly(
                        "expected 4 fields (given name, father's name, surname, birth date), found 3",
                        "given name and surname are required", "'someday' is not a birth date"));
    }
}
