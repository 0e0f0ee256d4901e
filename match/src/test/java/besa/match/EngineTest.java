package besa.match;

import static org.assertj.core.api.Assertions.assertThat;

import besa.match.data.CsvTable;
import besa.match.data.FieldSpec;
import besa.match.data.Records;
import besa.match.data.Schema;
import besa.match.field.FieldType;
import besa.match.field.Value;
import besa.match.score.Contribution;
import besa.match.score.Scorer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine on synthetic Albanian people: accuracy, siblings, conflicts, term frequencies, explanations. */
class EngineTest {
    static final List<FieldSpec> FIELDS = List.of(
            new FieldSpec("given_name", FieldType.GIVEN_NAME), new FieldSpec("father_name", FieldType.FATHER_NAME),
            new FieldSpec("surname", FieldType.SURNAME), new FieldSpec("dob", FieldType.DATE),
            new FieldSpec("phone", FieldType.PHONE), new FieldSpec("city", FieldType.CITY));
    static Schema schema;
    static Records a, b;
    static Linker.LinkResult result;

    @BeforeAll
    static void link() {
        CsvTable[] t = Fixtures.people(4000, 1500, 300, 11);
        List<String[]> extraA = new ArrayList<>(t[0].rows()), extraB = new ArrayList<>(t[1].rows());
        extraA.add(new String[] {"hoxha-a", "Arben", "Ilir", "Hoxha", "1985-03-12", "0691234567", "Tiranë", "x"});
        extraB.add(new String[] {"hoxha-b", "Arben", "Ilir", "Хоџа", "12.03.1985", "+355 69 123 4567", "Tirana", "x"});
        CsvTable ta = new CsvTable("A", t[0].header(), extraA), tb = new CsvTable("B", t[1].header(), extraB);
        schema = Schema.link(ta.header(), "A", FIELDS, List.of(), tb.header(), "B", List.of(), s -> { });
        a = Records.prepare(ta, "id", schema, true);
        b = Records.prepare(tb, "id", schema, false);
        result = Linker.link(a, b, schema, Linker.Options.defaults());
    }

    private static String truth(Records r, int i) {
        String id = r.id(i);
        return id.startsWith("s") ? "sibling" : id.startsWith("hoxha") ? "hoxha" : "p" + id.substring(1);
    }

    @Test
    void linksVariantsAcrossScriptsAndSpellingsAccurately() {
        int tp = 0, fp = 0;
        for (Linker.Pair p : result.pairs()) {
            if (truth(a, p.left()).equals(truth(b, p.right()))) tp++;
            else fp++;
        }
        int truePairs = 1501;
        double precision = tp / (double) (tp + fp), recall = tp / (double) truePairs;
        assertThat(precision).as("precision (tp=%d fp=%d)", tp, fp).isGreaterThan(0.97);
        assertThat(recall).as("recall (tp=%d of %d)", tp, truePairs).isGreaterThan(0.95);
        assertThat(result.stats().reductionRatio()).isGreaterThan(0.98);
    }

    @Test
    void siblingsAreNotTheSamePerson() {
        long siblingLinks = result.pairs().stream().filter(p -> b.id(p.right()).startsWith("s")).count();
        assertThat(siblingLinks).as("siblings linked").isLessThanOrEqualTo(3);
    }

    @Test
    void explanationSaysWhyInWordsAndNumbers() {
        int ia = index(a, "hoxha-a"), ib = index(b, "hoxha-b");
        Linker.Pair p = result.pairs().stream().filter(x -> x.left() == ia && x.right() == ib).findFirst().orElseThrow();
        assertThat(p.score()).isGreaterThan(0.99);
        String text = Scorer.explanation(result.scorer().explain(a.values(ia), b.values(ib)));
        assertThat(text).containsPattern("surname: Hoxha ≈ Хоџа, transliteration, [+-]\\d+\\.\\d")
                .containsPattern("dob: 1985-03-12 = 12\\.03\\.1985, exact, \\+\\d+\\.\\d")
                .containsPattern("phone: 0691234567 = \\+355 69 123 4567, exact, \\+\\d+\\.\\d")
                .contains("city: Tiranë ≈ Tirana, similar");
    }

    @Test
    void aRareSurnameInAnotherScriptIsEvidenceForAMatch() {
        Value[] x = prep("Arben", "Ilir", "Frashëri", "", "", "");
        assertThat(contribution(x, prep("Арбен", "", "Фрашери", "", "", ""), "surname").text())
                .containsPattern("surname: Frashëri ≈ Фрашери, transliteration, \\+\\d+\\.\\d");
    }

    @Test
    void conflictingBirthDateOrFatherCountsAgainst() {
        Value[] x = prep("Arben", "Ilir", "Hoxha", "1985-03-12", "", "Tiranë");
        double same = bits(x, prep("Arben", "Ilir", "Hoxha", "1985-03-12", "", "Tiranë"));
        double otherDob = bits(x, prep("Arben", "Ilir", "Hoxha", "1962-11-30", "", "Tiranë"));
        double otherFather = bits(x, prep("Arben", "Bujar", "Hoxha", "1985-03-12", "", "Tiranë"));
        double noDob = bits(x, prep("Arben", "Ilir", "Hoxha", "", "", "Tiranë"));
        assertThat(otherDob).isLessThan(noDob).isLessThan(same);
        assertThat(otherFather).isLessThan(same - 3);
        assertThat(contribution(x, prep("Arben", "Ilir", "Hoxha", "1962-11-30", "", "Tiranë"), "dob").bits()).isNegative();
    }

    @Test
    void siblingPatternIsPenalisedExplicitly() {
        Value[] x = prep("Arben", "Ilir", "Hoxha", "1985-03-12", "", "Tiranë");
        Value[] sib = prep("Dritan", "Ilir", "Hoxha", "1985-03-12", "", "Tiranë");
        assertThat(Scorer.probability(bits(x, sib))).isLessThan(0.5);
        assertThat(Scorer.explanation(result.scorer().explain(x, sib))).contains("siblings: same surname and father, other first name");
    }

    @Test
    void givenNameAndSurnameSwappedAtEntryStillAgree() {
        Value[] x = prep("Arben", "Ilir", "Hoxha", "1985-03-12", "", "Tiranë");
        Value[] swapped = prep("Hoxha", "Ilir", "Arbeni", "1985-03-12", "", "Tiranë");
        assertThat(Scorer.probability(bits(x, swapped))).isGreaterThan(0.5);
        assertThat(contribution(x, swapped, "given_name").text()).contains("given_name: Arben ≈ Arbeni").contains("(given name and surname swapped)");
    }

    @Test
    void commonNamesCountForLessThanRareOnes() {
        Value[] common = prep("Arben", "Ilir", "Hoxha", "1985-03-12", "", "");
        Value[] rare = prep("Rozafa", "Ilir", "Lamaj", "1985-03-12", "", "");
        assertThat(bits(rare, rare)).isGreaterThan(bits(common, common) + 1);
        assertThat(contribution(common, common, "surname").tfBits()).isNegative();
        assertThat(contribution(rare, rare, "surname").tfBits()).isPositive();
    }

    @Test
    void probabilitiesAreCalibratedOnTheSyntheticTruth() {
        // among pairs scored 0.5-0.9 and 0.9+, the share of true matches should be in the right range
        int hiTrue = 0, hi = 0;
        for (Linker.Pair p : result.pairs()) {
            if (p.score() < 0.9) continue;
            hi++;
            if (truth(a, p.left()).equals(truth(b, p.right()))) hiTrue++;
        }
        assertThat(hiTrue / (double) hi).isGreaterThan(0.97);
    }

    private static int index(Records r, String id) {
        for (int i = 0; i < r.size(); i++) if (r.id(i).equals(id)) return i;
        throw new AssertionError(id);
    }

    private static Value[] prep(String given, String father, String surname, String dob, String phone, String city) {
        return Records.prepareRow(new String[] {"x", given, father, surname, dob, phone, city, ""}, schema, true);
    }

    private static double bits(Value[] x, Value[] y) {
        return result.scorer().bits(x, y, new int[schema.size()]);
    }

    private static Contribution contribution(Value[] x, Value[] y, String field) {
        return result.scorer().explain(x, y).stream().filter(c -> c.field().equals(field)).findFirst().orElseThrow();
    }
}
