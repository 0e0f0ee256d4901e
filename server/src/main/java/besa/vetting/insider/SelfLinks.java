package besa.vetting.insider;

import besa.intel.model.PropertyType;
import besa.intel.model.SearchKey;
import besa.match.normalize.Names;
import besa.vetting.personnel.Officer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The intelligence entities linked to one officer, which he has no business looking up himself:
 * <ul>
 * <li>his own record: persons with his name (every given name and surname token, folded) and a
 * compatible date of birth, and persons one relation away from an entity holding his phone or IMEI;</li>
 * <li>his family: the far end of a Family relation from such a person (and the relation);</li>
 * <li>shared identifiers: entities holding his phone, IMEI or address (search keys), and entities one
 * relation away from those.</li>
 * </ul>
 * Computed from the personnel register and the store's search keys and edges, a few indexed queries.
 */
final class SelfLinks {
    /** Why an entity is linked to him: the rule and the identifier or match that links it. */
    record Link(InsiderRule rule, String via) {}

    private final Map<String, Link> links;

    private SelfLinks(Map<String, Link> links) {
        this.links = links;
    }

    static final SelfLinks NONE = new SelfLinks(Map.of());

    Link of(String entityId) {
        return links.get(entityId);
    }

    int size() {
        return links.size();
    }

    /** The entities that are this officer's own record (by name and birth date, or as user of his phone or IMEI). */
    Set<String> ownRecords() {
        Set<String> out = new LinkedHashSet<>();
        links.forEach((e, l) -> {
            if (l.rule() == InsiderRule.OWN_RECORD) out.add(e);
        });
        return out;
    }

    /**
     * Why the personnel record of {@code read} is linked to the reader {@code self} (a vetting officer
     * opening a relative's or housemate's file), or null: the register says they share a phone, IMEI or
     * address, or are siblings (same surname and father's name, folded); or the intelligence links one of
     * the read officer's own records to the reader as family or through a shared identifier.
     */
    static Link vettingRead(Officer self, SelfLinks selfLinks, Officer read, SelfLinks readLinks) {
        if (self.id().strip().equalsIgnoreCase(read.id().strip())) return new Link(InsiderRule.OWN_RECORD, "personnel record");
        for (Officer.Identifier mine : self.identifiers()) {
            if (mine.kind() == Officer.IdentifierKind.VEHICLE) continue;
            for (Officer.Identifier theirs : read.identifiers(mine.kind())) {
                if (mine.value().equalsIgnoreCase(theirs.value())) return new Link(InsiderRule.SHARED_IDENTIFIER, mine.original());
            }
        }
        if (siblings(self, read)) return new Link(InsiderRule.FAMILY, "same surname and father's name");
        for (String e : readLinks.ownRecords()) {
            Link l = selfLinks.of(e);
            if (l != null) return new Link(l.rule() == InsiderRule.OWN_RECORD ? InsiderRule.FAMILY : l.rule(), l.via());
        }
        return null;
    }

    private static boolean siblings(Officer a, Officer b) {
        String fa = fold(a.fatherName()), fb = fold(b.fatherName());
        return !fa.isEmpty() && fa.equals(fb) && !fold(a.surname()).isEmpty() && fold(a.surname()).equals(fold(b.surname()));
    }

    private static String fold(String s) {
        return s == null || s.isBlank() ? "" : Names.fold(s).replace(" ", "");
    }

    static SelfLinks of(JdbcClient jdbc, Officer o) {
        Map<String, String> devices = new LinkedHashMap<>(); // entity -> his phone or IMEI it holds
        Map<String, String> places = new LinkedHashMap<>();  // entity -> his address it holds
        for (Officer.Identifier i : o.identifiers()) {
            switch (i.kind()) {
                case PHONE -> holders(jdbc, List.of(new SearchKey("phone", i.value())), i.value(), devices);
                case IMEI -> {
                    if (i.value().length() >= 14) holders(jdbc, List.of(new SearchKey("imei", i.value().substring(0, 14))), i.value(), devices);
                }
                case ADDRESS -> {
                    List<SearchKey> keys = addressKeys(i.original());
                    if (keys.size() >= 2) holders(jdbc, keys, i.original(), places); // one word alone ("Tirane") links half the country
                }
                case VEHICLE -> { /* not a personal link the watch looks for */ }
            }
        }
        Map<String, Link> out = new LinkedHashMap<>();
        // Own record: by name and date of birth...
        for (String p : namesakes(jdbc, o)) out.put(p, new Link(InsiderRule.OWN_RECORD, o.fullName() + " " + o.birthDate()));
        // ...and the persons using his phone or device.
        Map<String, String> nearDevices = neighbours(jdbc, devices);
        for (Map.Entry<String, String> e : personsAmong(jdbc, nearDevices).entrySet()) out.putIfAbsent(e.getKey(), new Link(InsiderRule.OWN_RECORD, e.getValue()));
        // Family of his own records.
        Set<String> own = new HashSet<>(out.keySet());
        if (!own.isEmpty()) {
            jdbc.sql("select relation_id, subject_id, object_id from edge where type = 'Family' and (subject_id = any(?) or object_id = any(?))")
                    .params(own.toArray(String[]::new), own.toArray(String[]::new))
                    .query((rs, n) -> {
                        String self = own.contains(rs.getString(2)) ? rs.getString(2) : rs.getString(3);
                        String other = self.equals(rs.getString(2)) ? rs.getString(3) : rs.getString(2);
                        out.putIfAbsent(rs.getString(1), new Link(InsiderRule.FAMILY, self));
                        out.putIfAbsent(other, new Link(InsiderRule.FAMILY, self));
                        return null;
                    }).list();
        }
        // Shared phone, device or address, and one relation away.
        Map<String, String> holders = new LinkedHashMap<>(devices);
        places.forEach(holders::putIfAbsent);
        holders.forEach((e, via) -> out.putIfAbsent(e, new Link(InsiderRule.SHARED_IDENTIFIER, via)));
        nearDevices.forEach((e, via) -> out.putIfAbsent(e, new Link(InsiderRule.SHARED_IDENTIFIER, via)));
        neighbours(jdbc, places).forEach((e, via) -> out.putIfAbsent(e, new Link(InsiderRule.SHARED_IDENTIFIER, via)));
        return new SelfLinks(out);
    }

    static List<SearchKey> addressKeys(String address) {
        try {
            return List.copyOf(new LinkedHashSet<>(PropertyType.ADDRESS.searchKeys(PropertyType.ADDRESS.clean(address))));
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** Entities carrying every one of {@code keys} (one key for a phone, all words for an address). */
    private static void holders(JdbcClient jdbc, List<SearchKey> keys, String via, Map<String, String> out) {
        if (keys.isEmpty()) return;
        jdbc.sql("select entity_id from search_key where kind = ? and key = any(?) group by entity_id having count(distinct key) = ?")
                .params(keys.getFirst().kind(), keys.stream().map(SearchKey::key).toArray(String[]::new), keys.size())
                .query(String.class).list().forEach(e -> out.putIfAbsent(e, via));
    }

    /** The relations touching these entities and their far ends, each with the identifier it came through. */
    private static Map<String, String> neighbours(JdbcClient jdbc, Map<String, String> from) {
        Map<String, String> out = new LinkedHashMap<>();
        if (from.isEmpty()) return out;
        String[] ids = from.keySet().toArray(String[]::new);
        jdbc.sql("select relation_id, subject_id, object_id from edge where subject_id = any(?) or object_id = any(?)")
                .params(ids, ids)
                .query((rs, n) -> {
                    String near = from.containsKey(rs.getString(2)) ? rs.getString(2) : rs.getString(3);
                    String far = near.equals(rs.getString(2)) ? rs.getString(3) : rs.getString(2);
                    String via = from.get(near);
                    out.putIfAbsent(rs.getString(1), via);
                    if (!from.containsKey(far)) out.putIfAbsent(far, via);
                    return null;
                }).list();
        return out;
    }

    private static Map<String, String> personsAmong(JdbcClient jdbc, Map<String, String> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        if (ids.isEmpty()) return out;
        jdbc.sql("select id from entity where type = 'Person' and id = any(?)").param(ids.keySet().toArray(String[]::new))
                .query(String.class).list().forEach(p -> out.put(p, ids.get(p)));
        return out;
    }

    /**
     * Persons bearing every folded token of his given name and surname, with a date of birth compatible
     * with his. Candidates come from the name-pair key of his given name and surname (selective even
     * for a common surname), then every folded token and the date are checked.
     */
    private static List<String> namesakes(JdbcClient jdbc, Officer o) {
        if (o.birthDate() == null || o.birthDate().isBlank()) return List.of(); // a name alone has too many bearers
        List<String> tokens = new ArrayList<>();
        for (String part : List.of(o.givenName(), o.surname())) {
            for (String t : PropertyType.nameTokens(part)) {
                String f = Names.fold(t).replace(" ", "");
                if (!f.isEmpty() && !tokens.contains(f)) tokens.add(f);
            }
        }
        List<String> given = Names.searchKeys(o.givenName()), family = Names.searchKeys(o.surname());
        if (tokens.size() < 2 || given.isEmpty() || family.isEmpty() || given.getFirst().equals(family.getFirst())) return List.of();
        return jdbc.sql("""
                select k.entity_id from search_key p
                join entity e on e.id = p.entity_id and e.type = 'Person'
                join search_key k on k.entity_id = p.entity_id and k.kind = ? and k.key = any(?)
                where p.kind = ? and p.key = ?
                group by k.entity_id having count(distinct k.key) = ?
                   and bool_or(exists (select 1 from statement s where s.entity_id = k.entity_id and s.prop = 'birthDate' and s.retired_at is null
                                       and (s.value like ? || '%' or ? like s.value || '%')))""")
                .params(PropertyType.NAME_FOLD, tokens.toArray(String[]::new), PropertyType.NAME_PAIR,
                        PropertyType.namePair(given.getFirst(), family.getFirst()), tokens.size(), o.birthDate(), o.birthDate())
                .query(String.class).list();
    }
}
