package besa.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CSV injection: a cell a spreadsheet would run as a formula is written as text. */
class CsvCellsTest {
    @Test
    void cellsStartingAFormulaGetASingleQuote() {
        assertThat(CsvCells.neutral("=HYPERLINK(\"http://x\",\"Arben Hoxha\")")).isEqualTo("'=HYPERLINK(\"http://x\",\"Arben Hoxha\")");
        assertThat(CsvCells.neutral("+355 69 123 4567")).isEqualTo("'+355 69 123 4567");
        assertThat(CsvCells.neutral("-Shkëlzen Çela")).isEqualTo("'-Shkëlzen Çela");
        assertThat(CsvCells.neutral("@SUM(Ë1:Ë9)")).isEqualTo("'@SUM(Ë1:Ë9)");
        assertThat(CsvCells.neutral("\tDritëro")).isEqualTo("'\tDritëro");
        assertThat(CsvCells.neutral("\r=cmd|' /C calc'!A0")).isEqualTo("'\r=cmd|' /C calc'!A0");
    }

    @Test
    void otherCellsAreKeptAsTheyAre() {
        assertThat(CsvCells.neutral("Ëngjëll Çela")).isEqualTo("Ëngjëll Çela");
        assertThat(CsvCells.neutral("Arben =Hoxha")).isEqualTo("Arben =Hoxha"); // only the first character starts a formula
        assertThat(CsvCells.neutral("")).isEmpty();
        assertThat(CsvCells.neutral(null)).isEmpty();
        assertThat(CsvCells.neutral("'already quoted")).isEqualTo("'already quoted");
    }

    @Test
    void aCellIsNeutralisedBeforeItIsQuoted() {
        assertThat(CsvCells.cell("=1+2,3")).isEqualTo("\"'=1+2,3\"");
        assertThat(CsvCells.cell("@Çela \"Beni\"")).isEqualTo("\"'@Çela \"\"Beni\"\"\"");
        assertThat(CsvCells.cell("\r\n-Ilir")).isEqualTo("\"'\r\n-Ilir\"");
        assertThat(CsvCells.cell("Op. Dielli")).isEqualTo("Op. Dielli");
    }
}
