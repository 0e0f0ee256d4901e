package besa.intel.search;

import besa.access.ReadScope;
import besa.intel.model.EntityType;
import besa.intel.model.Handling;
import besa.intel.model.PropertyType;
import besa.match.normalize.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Says why each hit on a page matched: re-derives the keys of the hit's allowed statements (as the
 * property types do when indexing) and names the values that share a key with the query.
 */
final class ReasonFinder {
    private final JdbcClient jdbc;
    private final List<QueryTerms.Slot> slots;

    ReasonFinder(JdbcClient jdbc, List<QueryTerms.Slot> slots) {
        this.jdbc = jdbc;
        this.slots = slots;
    }

    Map<String, List<Reason>> reasons(List<SearchHit> hits, SearchQuery query, ReadScope scope) {
        Map<String, EntityType> types = new LinkedHashMap<>();
        hits.forEach(h -> types.put(h.entityId(), h.type()));
        List<Object> params = new ArrayList<>(types.keySet());
        StringBuilder sql = new StringBuilder("select entity_id, prop, value, original from statement where retired_at is null and entity_id in (")
                .append(String.join(", ", types.keySet().stream().map(x -> "?").toList())).append(")");
        if (!scope.isSystem()) sql.append(" and ").append(scope.statementVisible("statement"));
        if (!query.sources().isEmpty()) {
            sql.append(" and source_id in (").append(String.join(", ", query.sources().stream().map(x -> "?").toList())).append(")");
            params.addAll(query.sources());
        }
        if (query.maxHandling() != Handling.H3) {
            sql.append(" and handling <= ?");
            params.add(query.maxHandling().level());
        }
        sql.append(" order by entity_id, id");
        Map<String, Set<Reason>> out = new LinkedHashMap<>();
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            String id = rs.getString(1);
            Optional<PropertyType> pt = types.get(id).propertyType(rs.getString(2));
            if (pt.isEmpty()) return;
            Set<Reason> found = out.computeIfAbsent(id, k -> new LinkedHashSet<>());
            explain(pt.get(), rs.getString(3), rs.getString(4), found);
        });
        Map<String, List<Reason>> lists = new LinkedHashMap<>();
        out.forEach((k, v) -> lists.put(k, List.copyOf(v)));
        return lists;
    }

    private void explain(PropertyType type, String value, String original, Set<Reason> found) {
        switch (type) {
            case NAME -> {
                for (String token : PropertyType.nameTokens(value)) nameReason(token, found);
            }
            case ADDRESS -> {
                for (String token : PropertyType.nameTokens(value)) {
                    String fold = Names.fold(token).replace(" ", "");
                    alt(QueryTerms.ADDRESS, fold).ifPresent(a -> found.add(Reason.of("address-token", token, a.token())));
                }
            }
            case PHONE -> alt(QueryTerms.PHONE, value).ifPresent(a -> found.add(Reason.of("phone", value)));
            case IMEI -> alt(QueryTerms.IMEI, value.length() >= 14 ? value.substring(0, 14) : value)
                    .ifPresent(a -> found.add(Reason.of("imei", value)));
            case IBAN -> alt(QueryTerms.IBAN, value).or(() -> alt(QueryTerms.ID, value)).ifPresent(a -> found.add(Reason.of("iban", value)));
            case EMAIL -> alt(QueryTerms.EMAIL, value).ifPresent(a -> found.add(Reason.of("email", value)));
            case IDENTIFIER -> alt(QueryTerms.ID, value).ifPresent(a -> found.add(Reason.of("identifier", original)));
            default -> {}
        }
    }

    /** The best query alternative this name token meets: same spelling, same sound key, or a typo's neighbour. */
    private void nameReason(String token, Set<Reason> found) {
        String fold = Names.fold(token).replace(" ", "");
        List<String> keys = Names.searchKeys(token);
        QueryTerms.Alt best = null;
        for (QueryTerms.Slot s : slots) {
            for (QueryTerms.Alt a : s.alts()) {
                boolean meets = (a.kind().equals(PropertyType.NAME_FOLD) && a.key().equals(fold))
                        || (a.kind().equals(PropertyType.NAME_KEY) && keys.contains(a.key()));
                if (meets && (best == null || a.factor() > best.factor())) best = a;
            }
        }
        if (best == null) return;
        if (best.fuzzy()) {
            found.add(Reason.of("name-fuzzy", token, best.token(), String.valueOf(Math.round(best.similarity() * 100))));
        } else if (best.kind().equals(PropertyType.NAME_FOLD)) {
            found.add(Reason.of("name-exact", token, best.token()));
        } else {
            found.add(Reason.of("name-token", token, Names.fold(best.token())));
        }
    }

    private Optional<QueryTerms.Alt> alt(String kind, String key) {
        for (QueryTerms.Slot s : slots) {
            for (QueryTerms.Alt a : s.alts()) {
                if (a.kind().equals(kind) && a.key().equals(key)) return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
