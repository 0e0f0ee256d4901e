package besa.vetting.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The lead table. Callers hold the transaction (through {@code VettingAccess}) and pass the reader's clearance. */
@Repository
public class LeadStore {
    private final JdbcClient jdbc;

    LeadStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Filters of the lead list; null or blank: any. */
    public record Filter(String q, String platform, Lead.Kind kind, String originator) {}

    /**
     * Inserts the lead unless (originator, reference, kind, value) is already stored; its id when new.
     * Through {@code besa_lead_insert} (V105): a lead about the importer himself is stored, though his
     * session may not read it back (row-level security on lead).
     */
    public Optional<Long> insert(Lead l, String user) {
        List<Long> id = jdbc.sql("select besa_lead_insert(?, ?, ?, ?::smallint, ?, ?, ?, ?, ?, ?, ?)")
                .params(l.reference(), l.originator(), l.legalBasis(), l.handling(), l.platform(), l.kind().name(), l.value(), l.original(),
                        l.attribution(), l.entityId(), user)
                .query(Long.class).list();
        return id.isEmpty() ? Optional.empty() : Optional.ofNullable(id.getFirst());
    }

    /** One page of the leads at or below the clearance, leaving out those about {@code reader} (the reader's officer id, or null). */
    public List<Lead> list(Filter f, int clearance, String reader, int page, int size) {
        return jdbc.sql("select " + COLUMNS + " from lead where " + WHERE + " order by received_at desc, id desc limit :size offset :offset")
                .params(params(f, clearance, reader)).param("size", size).param("offset", (long) page * size)
                .query((rs, n) -> lead(rs)).list();
    }

    public long count(Filter f, int clearance, String reader) {
        return jdbc.sql("select count(*) from lead where " + WHERE).params(params(f, clearance, reader)).query(Long.class).single();
    }

    /** Leads of these ids the clearance may read. */
    public List<Lead> find(List<Long> ids, int clearance) {
        if (ids.isEmpty()) return List.of();
        return jdbc.sql("select " + COLUMNS + " from lead where id = any(:ids) and handling <= :clearance order by id")
                .param("ids", ids.toArray(Long[]::new)).param("clearance", clearance).query((rs, n) -> lead(rs)).list();
    }

    private static final String COLUMNS = "id, reference, originator, legal_basis, handling, platform, kind, value, original, attribution, entity_id, "
            + "received_at, imported_by";

    private static final String WHERE = """
            handling <= :clearance and (:platform = '' or platform = :platform) and (:kind = '' or kind = :kind)
            and (:originator = '' or lower(originator) = :originator)
            and (:q = '' or lower(value) like :q or lower(original) like :q or lower(reference) like :q or lower(attribution) like :q)
            and not besa_lead_about(:reader, kind, value, entity_id)""";

    private static java.util.Map<String, Object> params(Filter f, int clearance, String reader) {
        return java.util.Map.of("reader", reader == null ? "" : reader, "clearance", clearance, "platform", blank(f.platform()) ? "" : LeadImport.platform(f.platform()),
                "kind", f.kind() == null ? "" : f.kind().name(), "originator", blank(f.originator()) ? "" : f.originator().strip().toLowerCase(),
                "q", blank(f.q()) ? "" : "%" + f.q().strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Lead lead(ResultSet rs) throws SQLException {
        return new Lead(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                Lead.Kind.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getTimestamp(12).toInstant(), rs.getString(13));
    }
}
