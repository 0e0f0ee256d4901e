package besa.vetting.screening;

import besa.access.ReadScope;
import besa.intel.model.InvalidValueException;
import besa.intel.model.PropertyType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What co-location reads from the store, with the scope's conditions in the SQL: the cryptophones
 * (accounts of a cryptophone service, and accounts, PINs and IMEIs a lead names with such a platform)
 * and the timed location events of given subjects.
 */
final class ColocationData {
    /** A cryptophone: the Account or Device entity and the platform it is on (as the record or the lead names it). */
    record Cryptophone(String entityId, String platform) {}

    /** A LocatedAt relation with a time and coordinates; {@code place} is its readable object, or null. */
    record Event(String relation, String subject, String place, long epochSecond, double lat, double lon) {}

    private final JdbcClient jdbc;
    private final ReadScope scope;

    ColocationData(JdbcClient jdbc, ReadScope scope) {
        this.jdbc = jdbc;
        this.scope = scope;
    }

    /** Every cryptophone in scope (its service or platform per {@link Cryptophones}), by entity id: a record's own service first, then leads. */
    Map<String, Cryptophone> cryptophones() {
        Map<String, Cryptophone> out = new LinkedHashMap<>();
        if (scope.readsNothing()) return out;
        jdbc.sql("select e.id, array_agg(s.value order by s.value) from entity e join statement s on s.entity_id = e.id and s.prop = 'service' and s.retired_at is null"
                        + " and " + scope.statementVisible("s") + " where e.type = 'Account' and " + scope.entityAllowed("e.id")
                        + " group by e.id order by 1")
                .query(rs -> {
                    for (String service : (String[]) rs.getArray(2).getArray()) {
                        if (Cryptophones.isCryptophone(service)) {
                            out.put(rs.getString(1), new Cryptophone(rs.getString(1), service));
                            break;
                        }
                    }
                });
        // Leads (vetting material, readable up to the scope's handling code) naming an account, a PIN or an IMEI on such a platform.
        List<String[]> leads = new ArrayList<>(); // entity id or null, search-key kind, key, type, platform
        jdbc.sql("select kind, value, platform, entity_id from lead where handling <= ? and kind in ('ACCOUNT', 'PIN', 'IMEI') order by id")
                .param(scope.clearance()).query(rs -> {
                    String kind = rs.getString(1), value = rs.getString(2), platform = rs.getString(3), entity = rs.getString(4);
                    if (!Cryptophones.isCryptophone(platform)) return;
                    try {
                        boolean imei = kind.equals("IMEI");
                        PropertyType pt = imei ? PropertyType.IMEI : PropertyType.IDENTIFIER;
                        var key = pt.searchKeys(pt.clean(value)).getFirst();
                        leads.add(new String[] {entity, key.kind(), key.key(), imei ? "Device" : "Account", platform});
                    } catch (InvalidValueException e) {
                        if (entity != null) leads.add(new String[] {entity, "", "", "", platform});
                    }
                });
        if (leads.isEmpty()) return out;
        String leadRows = " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) as k(entity_id, kkind, key, type, platform)";
        String sql = "select e.id, k.platform" + leadRows + " join entity e on e.id = k.entity_id and e.type in ('Account', 'Device')"
                + " where " + scope.entityReadable("e.id")
                + " union all select e.id, k.platform" + leadRows + " join search_key sk on sk.kind = k.kkind and sk.key = k.key"
                + " join entity e on e.id = sk.entity_id and e.type = k.type where k.entity_id is null and " + scope.entityReadable("e.id")
                + " order by 1, 2";
        Object[] columns = {column(leads, 0), column(leads, 1), column(leads, 2), column(leads, 3), column(leads, 4)};
        jdbc.sql(sql).params(concat(columns, columns))
                .query(rs -> {
                    out.putIfAbsent(rs.getString(1), new Cryptophone(rs.getString(1), rs.getString(2)));
                });
        return out;
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String[] column(List<String[]> rows, int i) {
        return rows.stream().map(r -> r[i]).toArray(String[]::new);
    }

    /** The readable LocatedAt events of these subjects that carry a readable time, latitude and longitude. */
    List<Event> events(Collection<String> subjects) {
        List<Event> out = new ArrayList<>();
        if (subjects.isEmpty() || scope.readsNothing()) return out;
        // One pass over each relation's statements (time, latitude, longitude together), not one look-up per property.
        String sql = "select e.relation_id, e.subject_id, case when " + scope.entityReadable("e.object_id") + " then e.object_id end,"
                + " min(s.value) filter (where s.prop = 'time'), min(s.value) filter (where s.prop = 'latitude'),"
                + " min(s.value) filter (where s.prop = 'longitude')"
                + " from unnest(?::text[]) c(id) join edge e on e.subject_id = c.id and e.type = 'LocatedAt'"
                + " join statement s on s.entity_id = e.relation_id and s.retired_at is null and s.prop in ('time', 'latitude', 'longitude')"
                + " and " + scope.statementVisible("s")
                + " where " + NetworkGraph.linkReadable(scope, "e") + " group by e.relation_id, e.subject_id, e.object_id";
        jdbc.sql(sql).param(subjects.toArray(String[]::new)).query(rs -> {
            String time = rs.getString(4), lat = rs.getString(5), lon = rs.getString(6);
            if (time == null || lat == null || lon == null) return; // a day alone, or no coordinates: cannot coincide to the minute
            try {
                double la = Double.parseDouble(lat), lo = Double.parseDouble(lon);
                if (Math.abs(la) > 90 || Math.abs(lo) > 180) return;
                out.add(new Event(rs.getString(1), rs.getString(2), rs.getString(3), Instant.parse(time).getEpochSecond(), la, lo));
            } catch (NumberFormatException | DateTimeParseException e) {
                // stored before the value was cleaned as it is now: not comparable, left out
            }
        });
        return out;
    }

    /** Subjects of these changed LocatedAt relations, plus the changed ids themselves (a changed subject). */
    /** Whether any changed entity is a location event or the subject of one. */
    boolean touchesEvents(Collection<String> changed) {
        if (changed.isEmpty()) return false;
        String[] ids = changed.toArray(String[]::new);
        return jdbc.sql("""
                select exists (select 1 from edge where type = 'LocatedAt' and relation_id = any(?))
                    or exists (select 1 from edge where type = 'LocatedAt' and subject_id = any(?))""")
                .params(ids, ids).query(Boolean.class).single();
    }

    java.util.Set<String> changedSubjects(Collection<String> changed) {
        java.util.Set<String> out = new java.util.HashSet<>(changed);
        if (changed.isEmpty()) return out;
        out.addAll(jdbc.sql("select subject_id from edge where type = 'LocatedAt' and relation_id = any(?)")
                .param(changed.toArray(String[]::new)).query(String.class).list());
        return out;
    }
}
