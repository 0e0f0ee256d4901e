package besa.vetting.screening;

import besa.access.ReadScope;
import besa.intel.model.InvalidValueException;
import besa.intel.model.PropertyType;
import besa.intel.model.SearchKey;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.Officer.IdentifierKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The intelligence entities that are an officer's identifiers: Phone entities carrying one of his
 * numbers, Device entities one of his IMEIs, Vehicle entities one of his plates. Found through
 * {@code search_key} (the same cleaning and keys as the intelligence side), and kept only when the
 * statement that carries the value is readable in the scope.
 */
final class NetworkStarts {

    /** One officer identifier found as an intelligence entity. */
    record Start(String officerId, IdentifierKind kind, String value, String entityId) {}

    private NetworkStarts() {}

    /** Intelligence entities of the officers' identifiers of these kinds. */
    static List<Start> find(JdbcClient jdbc, ReadScope scope, Collection<Officer> officers, Set<IdentifierKind> kinds) {
        return find(jdbc, scope, officers, kinds, null);
    }

    /** As above, only for identifiers whose search key is one of {@code onlyKeys} (null: all). */
    static List<Start> find(JdbcClient jdbc, ReadScope scope, Collection<Officer> officers, Set<IdentifierKind> kinds, Set<SearchKey> onlyKeys) {
        if (scope.readsNothing()) return List.of();
        List<String> ids = new ArrayList<>(), keyKinds = new ArrayList<>(), keys = new ArrayList<>(), idKinds = new ArrayList<>(),
                values = new ArrayList<>();
        for (Officer o : officers) {
            for (Officer.Identifier i : o.identifiers()) {
                if (!kinds.contains(i.kind())) continue;
                SearchKey key = key(i.kind(), i.value());
                if (key == null || onlyKeys != null && !onlyKeys.contains(key)) continue;
                ids.add(o.id());
                keyKinds.add(key.kind());
                keys.add(key.key());
                idKinds.add(i.kind().name());
                values.add(i.value());
            }
        }
        if (ids.isEmpty()) return List.of();
        String sql = "select distinct k.officer_id, k.idkind, k.value, e.id"
                + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as k(officer_id, kkind, key, idkind, value)"
                + " join search_key sk on sk.kind = k.kkind and sk.key = k.key"
                + " join entity e on e.id = sk.entity_id"
                + " and e.type = case k.idkind when 'PHONE' then 'Phone' when 'IMEI' then 'Device' else 'Vehicle' end"
                + " where " + scope.entityAllowed("e.id")
                // the statement carrying the value itself must be readable, not just any statement of the entity
                + " and exists (select 1 from statement s where s.entity_id = e.id and s.retired_at is null and " + scope.statementVisible("s")
                + " and s.prop = case e.type when 'Phone' then 'number' when 'Device' then 'imei' else 'plate' end"
                + " and (case when e.type = 'Device' then left(s.value, 14) else s.value end) = k.key)"
                + " order by 1, 4";
        return jdbc.sql(sql)
                .params(ids.toArray(String[]::new), keyKinds.toArray(String[]::new), keys.toArray(String[]::new),
                        idKinds.toArray(String[]::new), values.toArray(String[]::new))
                .query((rs, n) -> new Start(rs.getString(1), IdentifierKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)))
                .list();
    }

    /** The intelligence search key of an officer's identifier, cleaned as intelligence values are; null if it is not one. */
    static SearchKey key(IdentifierKind kind, String value) {
        PropertyType type = switch (kind) {
            case PHONE -> PropertyType.PHONE;
            case IMEI -> PropertyType.IMEI;
            case VEHICLE -> PropertyType.IDENTIFIER;
            case ADDRESS -> null;
        };
        if (type == null || value == null) return null;
        try {
            List<SearchKey> keys = type.searchKeys(type.clean(value));
            return keys.isEmpty() ? null : keys.getFirst();
        } catch (InvalidValueException e) {
            return null; // a register value intelligence could never hold (e.g. a malformed number)
        }
    }
}
