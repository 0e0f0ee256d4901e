package besa.vetting.personnel;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The personnel register's rows. Callers hold the transaction (through {@code VettingAccess}); this
 * class only reads and writes. Saving an officer replaces his identifiers, duties and declarations
 * with the ones given (an HR re-import is the whole truth about him); the per-kind variants replace
 * only the rows of one kind, for the three HR files that arrive separately.
 */
@Repository
public class PersonnelRegister {
    private final JdbcClient jdbc;

    PersonnelRegister(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Summary row of the register list. */
    public record Summary(String id, String givenName, String fatherName, String surname, String unit, String rank, boolean active) {}

    /**
     * Saves the officers' names, unit, rank and identifiers (active again); their duties and
     * declarations stay as they are. One statement per table (arrays through unnest): a register of
     * thousands of officers is one round trip each, not one per row.
     */
    public void saveRegister(List<Officer> officers) {
        if (officers.isEmpty()) return;
        int n = officers.size();
        String[][] head = new String[7][n];
        Boolean[] active = new Boolean[n];
        for (int k = 0; k < n; k++) {
            Officer o = officers.get(k);
            String[] v = {o.id(), o.givenName(), o.fatherName(), o.surname(), o.birthDate(), o.unit(), o.rank()};
            for (int c = 0; c < 7; c++) head[c][k] = v[c];
            active[k] = o.active();
        }
        jdbc.sql("""
                insert into officer (id, given_name, father_name, surname, birth_date, unit, rank, active)
                select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[])
                on conflict (id) do update set given_name = excluded.given_name, father_name = excluded.father_name,
                    surname = excluded.surname, birth_date = excluded.birth_date, unit = excluded.unit, rank = excluded.rank,
                    active = excluded.active, updated_at = now()""")
                .params(head[0], head[1], head[2], head[3], head[4], head[5], head[6], active).update();
        jdbc.sql("delete from officer_identifier where officer_id = any(?)").param(head[0]).update();
        List<String[]> rows = new ArrayList<>();
        for (Officer o : officers) {
            for (Officer.Identifier i : o.identifiers()) rows.add(new String[] {o.id(), i.kind().name(), i.value(), i.original(), i.origin().name()});
        }
        if (rows.isEmpty()) return;
        jdbc.sql("""
                insert into officer_identifier (officer_id, kind, value, original, origin)
                select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) on conflict do nothing""")
                .params(column(rows, 0), column(rows, 1), column(rows, 2), column(rows, 3), column(rows, 4)).update();
    }

    /** Replaces the duties of each officer named (and only his duties). */
    public void replaceDuties(Map<String, List<Officer.Duty>> duties) {
        if (duties.isEmpty()) return;
        jdbc.sql("delete from officer_duty where officer_id = any(?)").param(duties.keySet().toArray(String[]::new)).update();
        List<String[]> text = new ArrayList<>();
        List<Double> lat = new ArrayList<>();
        List<Double> lon = new ArrayList<>();
        duties.forEach((id, list) -> list.forEach(d -> {
            text.add(new String[] {id, d.startsAt().toString(), d.endsAt().toString(), d.unit(), d.place()});
            lat.add(d.latitude());
            lon.add(d.longitude());
        }));
        if (text.isEmpty()) return;
        jdbc.sql("""
                insert into officer_duty (officer_id, starts_at, ends_at, unit, place, latitude, longitude)
                select * from unnest(?::text[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::text[], ?::float8[], ?::float8[])""")
                .params(column(text, 0), column(text, 1), column(text, 2), column(text, 3), column(text, 4), lat.toArray(Double[]::new),
                        lon.toArray(Double[]::new)).update();
    }

    /** Replaces the self-declarations of each officer named (and only those). */
    public void replaceDeclarations(Map<String, List<Officer.Declaration>> declarations) {
        if (declarations.isEmpty()) return;
        jdbc.sql("delete from officer_declaration where officer_id = any(?)").param(declarations.keySet().toArray(String[]::new)).update();
        List<String[]> text = new ArrayList<>();
        List<Boolean> crypto = new ArrayList<>();
        declarations.forEach((id, list) -> list.forEach(d -> {
            text.add(new String[] {id, d.declaredOn().toString(), d.question(), d.answer()});
            crypto.add(d.cryptophoneUse());
        }));
        if (text.isEmpty()) return;
        jdbc.sql("""
                insert into officer_declaration (officer_id, declared_on, question, answer, cryptophone_use)
                select * from unnest(?::text[], ?::date[], ?::text[], ?::text[], ?::boolean[])
                on conflict (officer_id, declared_on, question) do update set answer = excluded.answer, cryptophone_use = excluded.cryptophone_use""")
                .params(column(text, 0), column(text, 1), column(text, 2), column(text, 3), crypto.toArray(Boolean[]::new)).update();
    }

    private static String[] column(List<String[]> rows, int c) {
        String[] out = new String[rows.size()];
        for (int i = 0; i < out.length; i++) out[i] = rows.get(i)[c];
        return out;
    }

    /**
     * Marks inactive every active officer not in {@code carried} (never deletes), nor {@code importer}
     * (the officer the importing user is: he cannot retire himself); returns those marked.
     */
    public Set<String> deactivateAllExcept(Set<String> carried, String importer) {
        return new TreeSet<>(jdbc.sql("""
                update officer set active = false, updated_at = now()
                where active and not (id = any(?)) and (? = '' or upper(btrim(id)) <> ?) returning id""")
                .params(carried.toArray(String[]::new), OfficerIds.key(importer), OfficerIds.key(importer)).query(String.class).list());
    }

    /** Which of these ids the register holds (active or not). */
    public Set<String> existing(Collection<String> ids) {
        if (ids.isEmpty()) return Set.of();
        return new TreeSet<>(jdbc.sql("select id from officer where id = any(?)").param(ids.toArray(String[]::new)).query(String.class).list());
    }

    /**
     * One page of the register, by id, name, unit or rank (case-insensitive, contained), ordered by
     * id, leaving out {@code hidden} (the reader's own record).
     */
    public List<Summary> search(String q, String hidden, int page, int size) {
        return jdbc.sql("select id, given_name, father_name, surname, unit, rank, active from officer where " + SEARCH
                        + " order by id limit :size offset :offset")
                .param("q", like(q)).param("hidden", hidden == null ? "" : hidden).param("size", size).param("offset", (long) page * size)
                .query((rs, n) -> new Summary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getBoolean(7)))
                .list();
    }

    /** Every officer id, for resolving an audit pseudonym (a keyed hash, so it cannot be looked up). */
    public List<String> ids() {
        return jdbc.sql("select id from officer order by id").query(String.class).list();
    }

    public Optional<Summary> summary(String id) {
        return jdbc.sql("select id, given_name, father_name, surname, unit, rank, active from officer where id = ?").param(id)
                .query((rs, n) -> new Summary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getBoolean(7)))
                .optional();
    }

    public long count(String q, String hidden) {
        return jdbc.sql("select count(*) from officer where " + SEARCH).param("q", like(q)).param("hidden", hidden == null ? "" : hidden)
                .query(Long.class).single();
    }

    private static final String SEARCH = """
            (:hidden = '' or upper(btrim(id)) <> upper(btrim(:hidden))) and (:q = '' or lower(id) like :q or lower(given_name || ' ' || coalesce(father_name, '') || ' ' || surname) like :q
                or lower(given_name || ' ' || surname) like :q or lower(coalesce(unit, '')) like :q or lower(coalesce(rank, '')) like :q)""";

    private static String like(String q) {
        if (q == null || q.isBlank()) return "";
        String esc = q.strip().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + esc.replaceAll("\\s+", " ") + "%";
    }

    public void save(Officer o) {
        jdbc.sql("""
                insert into officer (id, given_name, father_name, surname, birth_date, unit, rank, active)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set given_name = excluded.given_name, father_name = excluded.father_name,
                    surname = excluded.surname, birth_date = excluded.birth_date, unit = excluded.unit, rank = excluded.rank,
                    active = excluded.active, updated_at = now()""")
                .params(o.id(), o.givenName(), o.fatherName(), o.surname(), o.birthDate(), o.unit(), o.rank(), o.active())
                .update();
        for (String t : List.of("officer_identifier", "officer_duty", "officer_declaration")) {
            jdbc.sql("delete from " + t + " where officer_id = ?").param(o.id()).update();
        }
        for (Officer.Identifier i : o.identifiers()) {
            jdbc.sql("insert into officer_identifier (officer_id, kind, value, original, origin) values (?, ?, ?, ?, ?) on conflict do nothing")
                    .params(o.id(), i.kind().name(), i.value(), i.original(), i.origin().name()).update();
        }
        for (Officer.Duty d : o.duties()) {
            jdbc.sql("insert into officer_duty (officer_id, starts_at, ends_at, unit, place, latitude, longitude) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(o.id(), Timestamp.from(d.startsAt()), Timestamp.from(d.endsAt()), d.unit(), d.place(), d.latitude(), d.longitude())
                    .update();
        }
        for (Officer.Declaration d : o.declarations()) {
            jdbc.sql("""
                    insert into officer_declaration (officer_id, declared_on, question, answer, cryptophone_use) values (?, ?, ?, ?, ?)
                    on conflict (officer_id, declared_on, question) do update set answer = excluded.answer, cryptophone_use = excluded.cryptophone_use""")
                    .params(o.id(), d.declaredOn(), d.question(), d.answer(), d.cryptophoneUse()).update();
        }
    }

    public Optional<Officer> find(String id) {
        return load("where o.id = ?", id).stream().findFirst();
    }

    public List<Officer> find(Collection<String> ids) {
        if (ids.isEmpty()) return List.of();
        return load("where o.id = any(?)", (Object) ids.toArray(String[]::new));
    }

    /** Every active officer, with identifiers, duties and declarations (four queries, whatever the size). */
    public List<Officer> allActive() {
        return load("where o.active");
    }

    private List<Officer> load(String where, Object... params) {
        Map<String, Object[]> heads = new LinkedHashMap<>();
        jdbc.sql("select o.id, o.given_name, o.father_name, o.surname, o.birth_date, o.unit, o.rank, o.active from officer o " + where
                        + " order by o.id")
                .params(params)
                .query((ResultSet rs) -> {
                    heads.put(rs.getString(1), new Object[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getBoolean(8)});
                });
        if (heads.isEmpty()) return List.of();
        Map<String, List<Officer.Identifier>> ids = new HashMap<>();
        jdbc.sql("select i.officer_id, i.kind, i.value, i.original, i.origin from officer_identifier i join officer o on o.id = i.officer_id "
                        + where + " order by i.officer_id, i.kind, i.value")
                .params(params)
                .query((ResultSet rs) -> {
                    ids.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Officer.Identifier(
                            Officer.IdentifierKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), Officer.Origin.valueOf(rs.getString(5))));
                });
        Map<String, List<Officer.Duty>> duties = new HashMap<>();
        jdbc.sql("select d.officer_id, d.starts_at, d.ends_at, d.unit, d.place, d.latitude, d.longitude from officer_duty d"
                        + " join officer o on o.id = d.officer_id " + where + " order by d.officer_id, d.starts_at")
                .params(params)
                .query((ResultSet rs) -> {
                    duties.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Officer.Duty(rs.getTimestamp(2).toInstant(),
                            rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5), number(rs, 6), number(rs, 7)));
                });
        Map<String, List<Officer.Declaration>> declarations = new HashMap<>();
        jdbc.sql("select d.officer_id, d.declared_on, d.question, d.answer, d.cryptophone_use from officer_declaration d"
                        + " join officer o on o.id = d.officer_id " + where + " order by d.officer_id, d.declared_on")
                .params(params)
                .query((ResultSet rs) -> {
                    declarations.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Officer.Declaration(
                            rs.getDate(2).toLocalDate(), rs.getString(3), rs.getString(4), (Boolean) rs.getObject(5)));
                });
        List<Officer> out = new ArrayList<>(heads.size());
        heads.forEach((id, h) -> out.add(new Officer(id, (String) h[0], (String) h[1], (String) h[2], (String) h[3], (String) h[4],
                (String) h[5], (Boolean) h[6], ids.getOrDefault(id, List.of()), duties.getOrDefault(id, List.of()),
                declarations.getOrDefault(id, List.of()))));
        return out;
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
