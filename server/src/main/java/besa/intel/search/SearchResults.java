package besa.intel.search;

import java.util.List;

/** One page of ranked hits and the total number of entities that matched. */
public record SearchResults(List<SearchHit> hits, long total, int page, int size) {
    public SearchResults {
        hits = List.copyOf(hits);
    }

    public long pages() {
        return (total + size - 1) / size;
    }
}
