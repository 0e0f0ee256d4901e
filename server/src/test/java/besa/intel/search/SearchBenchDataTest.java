package besa.intel.search;

import static org.assertj.core.api.Assertions.assertThat;

import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.store.IntelStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class SearchBenchDataTest {
    @Autowired IntelStore store;
    @Autowired JdbcClient jdbc;
    @Autowired SearchService search;

    @Test
    void blocksAreTheSameOnEveryRun() {
        Provenance p = new Provenance("x", null, "X", "x", null, null, Grading.parse("C3"), Handling.H0, null);
        assertThat(SearchBenchData.block(7, p)).isEqualTo(SearchBenchData.block(7, p)).hasSize(SearchBenchData.BLOCK);
        assertThat(SearchBenchData.block(7, p)).isNotEqualTo(SearchBenchData.block(8, p));
        assertThat(SearchBenchData.render("Çela Hoxha", new String[][] {{"xh", "џ"}, {"ç", "ч"}})).isEqualTo("Чela Hoџa");
    }

    /** Every kind of benchmark query finds what the generator wrote, so the figures measure real look-ups. */
    @Test
    void everyBenchmarkQueryFindsTheGeneratedData() {
        SearchBenchData data = new SearchBenchData(store, jdbc);
        long before = jdbc.sql("select count(*) from entity").query(Long.class).single();
        long after = data.ensure(before + 3 * SearchBenchData.BLOCK, (done, total, rate) -> {});
        assertThat(after).isGreaterThanOrEqualTo(before + 3 * SearchBenchData.BLOCK);

        List<String> queries = data.querySet(24);
        for (String q : queries) {
            SearchResults r = search.search(new SearchQuery(q, Set.of(), Set.of(SearchBenchData.SOURCE), Handling.H3, 0, 5));
            assertThat(r.hits()).as(q).isNotEmpty();
            assertThat(r.hits().get(0).reasons()).as(q).isNotEmpty();
        }
    }
}
