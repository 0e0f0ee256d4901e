package besa.intel.search;

import besa.access.ReadScope;
import besa.intel.model.EntityType;
import besa.intel.store.IntelStore;
import besa.intel.model.Handling;
import besa.intel.model.PropertyType;
import besa.match.normalize.Names;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The one search box: detects what the text is ({@link QueryTerms}), finds entities through the
 * search keys that property types derive, ranks them and says why each matched.
 *
 * <p>Ranking: entities matching more of the things typed come first; among those, the sum of the
 * matched keys' weights, where a key weighs its rarity (IDF over search_key) times how exact the
 * match is (same spelling, same sound across scripts, typo). A name token no key matches is looked
 * up by trigram similarity among the known spellings.
 */
@Service
public class SearchService {
    /** Reasons per hit: enough to explain, few enough to read. */
    static final int MAX_REASONS = 6;
    /** Counting a key's frequency stops here; rarer keys are what ranking needs to tell apart. */
    static final int DF_CAP = 200_000;
    static final int FUZZY_TERMS = 5;
    static final int PAIR_THRESHOLD = 20;

    private final JdbcClient jdbc;
    private final IntelStore store;

    public SearchService(JdbcClient jdbc, IntelStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /** Searches everything (for the application itself: benchmarks, the command line). */
    public SearchResults search(SearchQuery query) {
        return search(query, ReadScope.system());
    }

    /**
     * Searches what {@code scope} may read: a key counts only through a readable statement of an
     * allowed entity, so hidden entities are neither shown nor counted in the total.
     */
    public SearchResults search(SearchQuery query, ReadScope scope) {
        if (scope.readsNothing()) return new SearchResults(List.of(), 0, query.page(), query.size());
        List<QueryTerms.Slot> slots = new ArrayList<>(QueryTerms.parse(query.text()));
        Map<QueryTerms.Alt, Long> df = frequencies(allAlts(slots));
        addTypoAlternatives(slots, df);
        double n = Math.max(1000, entityEstimate());

        List<Object> params = new ArrayList<>();
        StringBuilder values = new StringBuilder();
        double maxScore = 0;
        for (int i = 0; i < slots.size(); i++) {
            double best = 0;
            for (QueryTerms.Alt a : slots.get(i).alts()) {
                long f = df.getOrDefault(a, 0L);
                if (f == 0) continue;
                double w = a.factor() * Math.log(1 + n / f);
                best = Math.max(best, Math.log(1 + n / f)); // what the exact spelling would weigh: 1.0 is an exact match
                values.append(values.isEmpty() ? "" : ", ").append("(?, ?, ?, ?::float8)");
                params.addAll(List.of(i, a.kind(), a.key(), w));
            }
            maxScore += best > 0 ? best : Math.log(1 + n); // a thing nothing matched counts against every hit
        }
        if (values.isEmpty()) return new SearchResults(List.of(), 0, query.page(), query.size());

        // Entities are joined only for a type filter and for the page itself: a common name matches thousands.
        List<String> pairs = pairKeys(slots, df);
        String candidates = "";
        if (!pairs.isEmpty()) {
            candidates = "c as (select distinct entity_id from search_key where kind = '" + PropertyType.NAME_PAIR + "' and key in ("
                    + String.join(", ", pairs.stream().map(x -> "?").toList()) + ")),\n";
            params.addAll(pairs);
        }
        String matches = "with q(slot, kind, key, w) as (values " + values + "),\n" + candidates
                + "m as (select sk.entity_id, q.slot, max(q.w) w from "
                + (pairs.isEmpty() ? "q join search_key sk on" : "c join search_key sk on sk.entity_id = c.entity_id join q on")
                + " sk.kind = q.kind and sk.key = q.key"
                + statementFilter(query, scope, params) + " group by sk.entity_id, q.slot),\n"
                + "h as (select m.entity_id, count(*) matched, sum(m.w) score from m"
                + typeFilter(query) + (scope.isSystem() ? "" : " where " + scope.entityAllowed("m.entity_id"))
                + " group by m.entity_id)\n";
        String sql = matches
                + ", p as (select entity_id, matched, score, count(*) over () total from h"
                + " order by matched desc, score desc, entity_id limit ? offset ?)\n"
                + "select p.entity_id, e.type, e.caption, p.matched, p.score, p.total from p join entity e on e.id = p.entity_id"
                + " order by p.matched desc, p.score desc, p.entity_id";
        params.add(query.size());
        params.add((long) query.page() * query.size());
        long[] total = {0};
        double max = maxScore;
        List<SearchHit> hits = jdbc.sql(sql).params(params).query((rs, row) -> {
            total[0] = rs.getLong(6);
            double score = Math.min(1.0, rs.getDouble(5) / max);
            return new SearchHit(rs.getString(1), EntityType.valueOf(rs.getString(2)), rs.getString(3),
                    Math.round(score * 1000) / 1000.0, List.of());
        }).list();
        if (hits.isEmpty() && query.page() > 0) {
            total[0] = jdbc.sql(matches + "select count(*) from h").params(params.subList(0, params.size() - 2)).query(Long.class).single();
        }
        return new SearchResults(withReasons(visible(hits, scope), slots, query, scope), total[0], query.page(), query.size());
    }

    /**
     * When the query is only a name, of two or more tokens, and at least {@link #PAIR_THRESHOLD}
     * entities carry two of them together, only those are candidates: partial matches would rank
     * below them anyway, and a common first name alone matches tens of thousands. Empty otherwise.
     */
    private List<String> pairKeys(List<QueryTerms.Slot> slots, Map<QueryTerms.Alt, Long> df) {
        if (slots.stream().anyMatch(s -> !s.nameLike())) return List.of(); // "Arben Hoxha 069…": the phone must stay a candidate
        List<List<String>> keysBySlot = new ArrayList<>();
        for (QueryTerms.Slot s : slots) {
            List<String> keys = s.alts().stream()
                    .filter(a -> a.kind().equals(PropertyType.NAME_KEY) && df.getOrDefault(a, 0L) > 0).map(QueryTerms.Alt::key).toList();
            if (!keys.isEmpty()) keysBySlot.add(keys);
        }
        if (keysBySlot.size() < 2) return List.of();
        Set<String> pairs = new LinkedHashSet<>();
        for (int i = 0; i < keysBySlot.size(); i++) {
            for (int j = i + 1; j < keysBySlot.size(); j++) {
                for (String a : keysBySlot.get(i)) {
                    for (String b : keysBySlot.get(j)) {
                        if (!a.equals(b)) pairs.add(PropertyType.namePair(a, b));
                    }
                }
            }
        }
        List<QueryTerms.Alt> alts = pairs.stream().map(k -> new QueryTerms.Alt(PropertyType.NAME_PAIR, k, 0, "")).toList();
        Map<QueryTerms.Alt, Long> pairDf = frequencies(alts);
        long together = pairDf.values().stream().mapToLong(Long::longValue).sum();
        if (together < PAIR_THRESHOLD) return List.of();
        return alts.stream().filter(a -> pairDf.getOrDefault(a, 0L) > 0).map(QueryTerms.Alt::key).toList();
    }

    private static List<QueryTerms.Alt> allAlts(Collection<QueryTerms.Slot> slots) {
        return slots.stream().flatMap(s -> s.alts().stream()).distinct().toList();
    }

    /** How many entities carry each key (capped at {@link #DF_CAP}), in one round trip. */
    private Map<QueryTerms.Alt, Long> frequencies(List<QueryTerms.Alt> alts) {
        Map<QueryTerms.Alt, Long> df = new LinkedHashMap<>();
        if (alts.isEmpty()) return df;
        StringBuilder values = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < alts.size(); i++) {
            values.append(i == 0 ? "" : ", ").append("(?, ?, ?)");
            params.addAll(List.of(i, alts.get(i).kind(), alts.get(i).key()));
        }
        jdbc.sql("select q.i, (select count(*) from (select 1 from search_key sk where sk.kind = q.kind and sk.key = q.key limit "
                        + DF_CAP + ") x) from (values " + values + ") q(i, kind, key)")
                .params(params)
                .query(rs -> {
                    df.put(alts.get(rs.getInt(1)), rs.getLong(2));
                });
        return df;
    }

    /** For name tokens that no key matches, the closest known spellings by trigram similarity (pg_trgm). */
    private void addTypoAlternatives(List<QueryTerms.Slot> slots, Map<QueryTerms.Alt, Long> df) {
        List<QueryTerms.Alt> added = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            QueryTerms.Slot s = slots.get(i);
            boolean nameMatched = s.alts().stream().anyMatch(a -> isName(a.kind()) && df.getOrDefault(a, 0L) > 0);
            if (!s.nameLike() || nameMatched) continue;
            String fold = Names.fold(s.token()).replace(" ", "");
            if (fold.length() < 3) continue;
            List<QueryTerms.Alt> alts = new ArrayList<>(s.alts());
            jdbc.sql("select term, similarity(term, ?) sim from name_term where term % ? order by sim desc, term limit " + FUZZY_TERMS)
                    .params(fold, fold)
                    .query(rs -> {
                        String term = rs.getString(1);
                        double sim = Math.min(0.99, rs.getDouble(2));
                        alts.add(new QueryTerms.Alt(PropertyType.NAME_FOLD, term, QueryTerms.FUZZY * sim, s.token(), sim));
                        for (String k : Names.searchKeys(term)) {
                            alts.add(new QueryTerms.Alt(PropertyType.NAME_KEY, k, QueryTerms.FUZZY * QueryTerms.SOUND * sim, s.token(), sim));
                        }
                    });
            added.addAll(alts.subList(s.alts().size(), alts.size()));
            slots.set(i, new QueryTerms.Slot(s.token(), true, List.copyOf(alts)));
        }
        if (!added.isEmpty()) df.putAll(frequencies(added));
    }

    private double entityEstimate() {
        return jdbc.sql("select greatest(reltuples, 0) from pg_class where oid = 'entity'::regclass").query(Double.class).single();
    }

    /** A key counts only through an active statement from an allowed source, at or below the allowed handling code. */
    private static String statementFilter(SearchQuery query, ReadScope scope, List<Object> params) {
        // A key counts only through a statement the user may read; when he may read every statement, no check is needed.
        if (query.sources().isEmpty() && query.maxHandling() == Handling.H3 && scope.allStatements()) return "";
        StringBuilder f = new StringBuilder(" where exists (select 1 from statement s where s.entity_id = sk.entity_id and s.retired_at is null");
        if (!scope.allStatements()) f.append(" and ").append(scope.statementVisible("s"));
        if (!query.sources().isEmpty()) {
            f.append(" and s.source_id in (").append(String.join(", ", query.sources().stream().map(x -> "?").toList())).append(")");
            params.addAll(query.sources());
        }
        if (query.maxHandling() != Handling.H3) {
            f.append(" and s.handling <= ?");
            params.add(query.maxHandling().level());
        }
        // Which statement yields the key: names and addresses by property (their keys are derived in Java),
        // the rest by value, since their key is their clean value (the IMEI's first 14 digits).
        f.append(" and case q.kind")
                .append(" when '").append(PropertyType.NAME_KEY).append("' then s.prop in (").append(props(PropertyType.NAME)).append(")")
                .append(" when '").append(PropertyType.NAME_FOLD).append("' then s.prop in (").append(props(PropertyType.NAME)).append(")")
                .append(" when '").append(QueryTerms.ADDRESS).append("' then s.prop in (").append(props(PropertyType.ADDRESS)).append(")")
                .append(" when '").append(QueryTerms.IMEI).append("' then left(s.value, 14) = sk.key")
                .append(" else s.value = sk.key end)");
        return f.toString();
    }

    /** The schema's property names of one type, as SQL literals (names from the enum, never from input). */
    private static String props(PropertyType type) {
        Set<String> names = new LinkedHashSet<>();
        for (EntityType t : EntityType.values()) {
            t.properties().forEach((p, pt) -> {
                if (pt == type) names.add("'" + p + "'");
            });
        }
        return String.join(", ", names);
    }

    private static String typeFilter(SearchQuery query) {
        if (query.types().isEmpty()) return "";
        return " join entity e on e.id = m.entity_id and e.type in (" + query.types().stream().map(t -> "'" + t.name() + "'").sorted().collect(Collectors.joining(", ")) + ")";
    }

    /** Captions from readable statements only. */
    private List<SearchHit> visible(List<SearchHit> hits, ReadScope scope) {
        if (scope.allStatements() || hits.isEmpty()) return hits; // the stored captions are what he may see
        Map<String, EntityType> types = new LinkedHashMap<>();
        hits.forEach(h -> types.put(h.entityId(), h.type()));
        Map<String, String> captions = store.visibleCaptions(types, scope);
        return hits.stream().map(h -> new SearchHit(h.entityId(), h.type(), captions.getOrDefault(h.entityId(), ""), h.score(), h.reasons())).toList();
    }

    private List<SearchHit> withReasons(List<SearchHit> hits, List<QueryTerms.Slot> slots, SearchQuery query, ReadScope scope) {
        if (hits.isEmpty()) return hits;
        Map<String, List<Reason>> reasons = new ReasonFinder(jdbc, slots).reasons(hits, query, scope);
        List<SearchHit> out = new ArrayList<>(hits.size());
        for (SearchHit h : hits) {
            List<Reason> r = reasons.getOrDefault(h.entityId(), List.of());
            out.add(new SearchHit(h.entityId(), h.type(), h.caption(), h.score(), r.size() > MAX_REASONS ? r.subList(0, MAX_REASONS) : r));
        }
        return out;
    }

    static boolean isName(String kind) {
        return kind.equals(PropertyType.NAME_KEY) || kind.equals(PropertyType.NAME_FOLD);
    }
}
