package besa.intel.search;

import org.springframework.stereotype.Service;

/** The one search box: detects what the text is, finds matching entities, ranks them and says why. */
@Service
public class SearchService {
    public SearchResults search(SearchQuery query) {
        return new SearchResults(java.util.List.of(), 0, query.page(), query.size());
    }
}
