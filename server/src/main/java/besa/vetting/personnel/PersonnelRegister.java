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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The personnel register's rows. Callers hold the transaction (through {@code VettingAccess}); this
 * class only reads and writes. Saving an officer replaces his identifiers, duties and declarations
 * with the ones given (an HR re-import is the whole truth about him).
 */
@Repository
public class PersonnelRegister {
    private final JdbcClient jdbc;

    PersonnelRegister(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
