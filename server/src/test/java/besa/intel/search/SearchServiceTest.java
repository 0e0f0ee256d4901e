package besa.intel.search;

import static org.assertj.core.api.Assertions.assertThat;

import besa.intel.model.EntityType;
import besa.intel.model.Handling;
import besa.intel.store.IntelStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchServiceTest {
    @Autowired SearchService search;
    @Autowired IntelStore store;
    final SearchFixture f = new SearchFixture();

    @BeforeAll
    void seed() {
        f.save(store);
    }

    /** Only this run's sources, so other tests' data in the shared database cannot interfere. */
    SearchResults mine(String text) {
        return search.search(new SearchQuery(text, Set.of(), Set.of(f.police, f.partner), Handling.H3, 0, 20));
    }

    static List<String> ids(SearchResults r) {
        return r.hits().stream().map(SearchHit::entityId).toList();
    }

    SearchHit hit(SearchResults r, String id) {
        return r.hits().stream().filter(h -> h.entityId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError(id + " not among " + ids(r)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Arben Hoxha", "arben hoxha", "HOXHA Arben", "Hoxha, Arben", "Арбен Хоџа", "Άρμπεν Χότζα",
            "Arben Hoca", "Arben Hodja", "Arben Hoxa", "Arbeni Hoxhaj", "Arben Hoxah", "Arbne Hoxha", "Arben Hoxga", "Abren Hoxha"})
    void findsTheAlbanianPersonWhateverTheRendering(String text) {
        SearchResults r = mine(text);
        assertThat(ids(r)).contains(f.arben);
        assertThat(hit(r, f.arben).reasons()).extracting(Reason::code).containsAnyOf("name-exact", "name-token", "name-fuzzy");
    }

    @Test
    void explainsACrossScriptMatchWithTheValueAsWritten() {
        SearchResults r = mine("Хоџа");
        assertThat(hit(r, f.arben).reasons()).contains(Reason.of("name-token", "Hoxha", "hoda"));
        assertThat(hit(r, f.partnerArben).reasons()).contains(Reason.of("name-exact", "Хоџа", "Хоџа"));
        assertThat(hit(r, f.partnerArben).score()).isEqualTo(1.0);
        assertThat(hit(r, f.arben).score()).isLessThan(1.0);
        assertThat(ids(r).indexOf(f.partnerArben)).isLessThan(ids(r).indexOf(f.arben));
    }

    @Test
    void albanianLettersAreOptional() {
        for (String text : List.of("Pjetër Çela", "Pjeter Cela", "cela pjeter", "PJETRI ÇELA")) {
            assertThat(ids(mine(text))).as(text).first().isEqualTo(f.pjeter);
        }
    }

    @Test
    void aTypoFallsBackToTrigramSimilarity() {
        SearchResults r = mine("Hoxga");
        assertThat(ids(r)).contains(f.arben, f.ilir);
        assertThat(hit(r, f.arben).reasons()).extracting(Reason::code).contains("name-fuzzy");
    }

    @Test
    void ranksTheFullNameAboveAPartialOne() {
        SearchResults r = mine("Arben Hoxha");
        assertThat(ids(r)).startsWith(f.arben).contains(f.arbenCela, f.ilir);
        assertThat(ids(r).indexOf(f.partnerArben)).isLessThan(ids(r).indexOf(f.arbenCela));
        assertThat(r.hits().get(0).score()).isGreaterThan(hit(r, f.arbenCela).score());
        assertThat(r.hits().get(0).score()).isEqualTo(1.0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"+355 %s", "00355%s", "00%s", "0%s", "%s", "+355-%s", "(0%s)"})
    void findsAlbanianPhonesTypedInAnyFormat(String format) {
        String n = f.national;
        String typed = format.formatted(n.substring(0, 2) + " " + n.substring(2, 5) + " " + n.substring(5));
        SearchResults r = mine(typed);
        assertThat(ids(r)).as(typed).contains(f.phone);
        assertThat(hit(r, f.phone).reasons()).containsExactly(Reason.of("phone", "+355" + n));
    }

    @Test
    void aQueryMayBeSeveralThings() {
        String n = f.national;
        SearchResults r = mine("Hoxha 0" + n.substring(0, 2) + " " + n.substring(2, 5) + " " + n.substring(5));
        assertThat(ids(r)).contains(f.phone, f.arben, f.ilir);
        assertThat(hit(r, f.phone).reasons()).containsExactly(Reason.of("phone", "+355" + n));
    }

    @Test
    void findsKosovoPhones() {
        assertThat(ids(mine("+383 " + f.kosovo))).contains(f.kosovoPhone);
        assertThat(ids(mine("00383" + f.kosovo))).contains(f.kosovoPhone);
    }

    @Test
    void findsImeisWithOrWithoutTheCheckDigitAndSeparators() {
        String i = f.imei;
        for (String typed : List.of(i, i.substring(0, 14), i.substring(0, 2) + "-" + i.substring(2, 8) + "-" + i.substring(8, 14) + "-" + i.charAt(14),
                i.substring(0, 8) + " " + i.substring(8, 14))) {
            SearchResults r = mine(typed);
            assertThat(ids(r)).as(typed).contains(f.device);
            assertThat(hit(r, f.device).reasons()).containsExactly(Reason.of("imei", i));
        }
    }

    @Test
    void findsPlatesDocumentsHandlesIbansAndEmailInAnySpacingOrCase() {
        String p = f.plate;
        for (String typed : List.of(p, p.toLowerCase(), p.substring(0, 2) + " " + p.substring(2, 5) + " " + p.substring(5),
                p.substring(0, 2) + "-" + p.substring(2, 5) + "-" + p.substring(5))) {
            SearchResults r = mine(typed);
            assertThat(ids(r)).as(typed).contains(f.vehicle);
            assertThat(hit(r, f.vehicle).reasons()).containsExactly(Reason.of("identifier", p));
        }
        String d = f.docNumber.toLowerCase();
        assertThat(ids(mine(d.substring(0, 5) + " " + d.substring(5)))).contains(f.arben);
        assertThat(ids(mine(f.handle.toUpperCase()))).contains(f.account);
        String spaced = f.iban.toLowerCase().replaceAll("(.{4})", "$1 ");
        SearchResults r = mine(spaced);
        assertThat(hit(r, f.bank).reasons()).containsExactly(Reason.of("iban", f.iban));
        assertThat(hit(mine(f.email.toUpperCase()), f.arben).reasons()).contains(Reason.of("email", f.email));
    }

    @Test
    void filtersByTypeSourceAndHandling() {
        SearchResults phonesOnly = search.search(new SearchQuery("Arben Hoxha", Set.of(EntityType.Phone), Set.of(f.police), Handling.H3, 0, 20));
        assertThat(phonesOnly.hits()).isEmpty();
        assertThat(phonesOnly.total()).isZero();

        SearchResults partner = search.search(new SearchQuery("Arben Hoxha", Set.of(), Set.of(f.partner), Handling.H3, 0, 20));
        assertThat(ids(partner)).containsExactly(f.partnerArben);

        SearchResults upToH1 = search.search(new SearchQuery("Arben Hoxha", Set.of(), Set.of(f.police, f.partner), Handling.H1, 0, 20));
        assertThat(ids(upToH1)).contains(f.arben).doesNotContain(f.partnerArben);

        SearchResults people = search.search(new SearchQuery("Hoxha", Set.of(EntityType.Person), Set.of(f.police), Handling.H0, 0, 20));
        assertThat(ids(people)).containsExactlyInAnyOrder(f.arben, f.ilir);
    }

    @Test
    void pagesThroughHits() {
        SearchQuery first = new SearchQuery("Arben Hoxha", Set.of(), Set.of(f.police, f.partner), Handling.H3, 0, 2);
        SearchResults p0 = search.search(first);
        SearchResults p1 = search.search(new SearchQuery("Arben Hoxha", Set.of(), Set.of(f.police, f.partner), Handling.H3, 1, 2));
        SearchResults p9 = search.search(new SearchQuery("Arben Hoxha", Set.of(), Set.of(f.police, f.partner), Handling.H3, 9, 2));
        assertThat(p0.total()).isEqualTo(4); // arben, partner's arben, arben çela, ilir hoxha
        assertThat(p0.hits()).hasSize(2);
        assertThat(p1.hits()).hasSize(2);
        assertThat(ids(p0)).doesNotContainAnyElementsOf(ids(p1));
        assertThat(p9.hits()).isEmpty();
        assertThat(p9.total()).isEqualTo(p0.total());
        assertThat(p0.pages()).isEqualTo(2);
    }

    /** Many people share a full name: only they are candidates, not every bearer of each token. */
    @Test
    void aCommonFullNameKeepsToThoseWhoCarryItWhole() {
        String source = "search-many-" + f.run;
        store.saveSource(new besa.intel.store.Source(source, "Many", "ASP", "test"));
        var p = new besa.intel.model.Provenance(source, null, "ASP", "test", null, null, besa.intel.model.Grading.parse("B2"), Handling.H0, null);
        List<besa.intel.store.EntityRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < SearchService.PAIR_THRESHOLD + 5; i++) {
            String id = "many-" + i + "-" + f.run, name = i % 2 == 0 ? "Besnik Shehu" : "ШЕХУ Бесник";
            records.add(new besa.intel.store.EntityRecord(id, EntityType.Person,
                    List.of(new besa.intel.model.Statement(id, "name", name, name, p))));
        }
        String partial = "many-partial-" + f.run;
        records.add(new besa.intel.store.EntityRecord(partial, EntityType.Person,
                List.of(new besa.intel.model.Statement(partial, "name", "Besnik Kola", "Besnik Kola", p))));
        String phone = "many-phone-" + f.run, number = "+35568" + f.national.substring(2);
        records.add(new besa.intel.store.EntityRecord(phone, EntityType.Phone,
                List.of(new besa.intel.model.Statement(phone, "number", number, number, p))));
        store.save(records);

        SearchResults withPhone = search.search(new SearchQuery("Besnik Shehu " + number, Set.of(), Set.of(source), Handling.H3, 0, 100));
        assertThat(ids(withPhone)).contains(phone);

        SearchResults r = search.search(new SearchQuery("Besnik Şehu", Set.of(), Set.of(source), Handling.H3, 0, 100));
        assertThat(r.total()).isEqualTo(SearchService.PAIR_THRESHOLD + 5);
        assertThat(ids(r)).doesNotContain(partial);
        assertThat(r.hits()).allSatisfy(h -> assertThat(h.reasons()).hasSize(2));
    }

    @Test
    void findsUnfilteredToo() {
        assertThat(ids(search.search(SearchQuery.of(f.plate)))).contains(f.vehicle);
        assertThat(search.search(SearchQuery.of("zzqxw" + f.run.replaceAll("[0-9]", ""))).hits()).isEmpty();
    }
}
