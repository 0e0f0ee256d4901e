package besa.intel.ingest;

import besa.access.ReadScope;
import besa.intel.model.EntityType;
import besa.intel.model.PropertyType;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.Source;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Streams one source's active statements as FtM JSON lines, one entity per line, with Besa's provenance. */
@Component
class FtmExport {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    FtmExport(DataSource ds, PlatformTransactionManager tm) {
        this.jdbc = new JdbcTemplate(ds);
        this.jdbc.setFetchSize(2000); // a cursor, not the whole source in memory
        this.tx = new TransactionTemplate(tm);
        this.tx.setReadOnly(true);
    }

    long export(String sourceId, OutputStream out, ReadScope scope) {
        if (scope.readsNothing() || !scope.mayReadSource(sourceId)) throw new IllegalArgumentException("there is no source '" + sourceId + "'");
        return tx.execute(status -> {
            Source source = jdbc.query("select id, title, originator, legal_basis from source where id = ?",
                    (rs, n) -> new Source(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), sourceId)
                    .stream().findFirst().orElseThrow(() -> new IllegalArgumentException("there is no source '" + sourceId + "'"));
            long[] count = {0};
            String[] current = {null};
            EntityType[] type = {null};
            List<Statement> statements = new ArrayList<>();
            jdbc.query("""
                    select s.entity_id, s.prop, s.value, s.original, s.source_id, s.record_key, s.originator, s.legal_basis,
                           s.first_seen, s.last_seen, s.source_grade, s.info_grade, s.handling, s.review_due, e.type
                    from statement s join entity e on e.id = s.entity_id
                    where s.source_id = ? and s.retired_at is null""" + " and " + scope.statementVisible("s")
                    + " and " + scope.entityAllowed("s.entity_id") + " order by s.entity_id, s.id", (ResultSet rs) -> {
                String id = rs.getString(1);
                if (!id.equals(current[0])) {
                    if (current[0] != null) write(out, current[0], type[0], statements, source, count);
                    current[0] = id;
                    type[0] = EntityType.valueOf(rs.getString(15));
                    statements.clear();
                }
                statements.add(statement(rs));
            }, sourceId);
            if (current[0] != null) write(out, current[0], type[0], statements, source, count);
            return count[0];
        });
    }

    private static Statement statement(ResultSet rs) throws java.sql.SQLException {
        Provenance p = new Provenance(rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                date(rs.getDate(9)), date(rs.getDate(10)), new besa.intel.model.Grading(rs.getString(11).charAt(0), rs.getInt(12)),
                besa.intel.model.Handling.values()[rs.getInt(13)], date(rs.getDate(14)));
        return new Statement(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), p);
    }

    private static java.time.LocalDate date(java.sql.Date d) {
        return d == null ? null : d.toLocalDate();
    }

    private static void write(OutputStream out, String id, EntityType type, List<Statement> statements, Source source, long[] count) {
        try {
            out.write(FtmReader.JSON.writeValueAsString(line(id, type, statements, source)).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            count[0]++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One FtM entity: FtM's id, schema and properties, its dataset, and the exact Besa statements. */
    static ObjectNode line(String id, EntityType type, List<Statement> statements, Source source) {
        Ftm.Schema schema = Ftm.schema(type);
        ObjectNode n = FtmReader.JSON.createObjectNode();
        n.put("id", id);
        n.put("schema", schema.name());
        ObjectNode props = n.putObject("properties");
        Map<String, ArrayNode> arrays = new LinkedHashMap<>();
        for (Statement s : statements) {
            String ftmProp = schema.props().get(s.prop());
            if (ftmProp == null) continue; // FtM has no such property: it travels in the besa field only
            boolean country = type.propertyType(s.prop()).orElse(null) == PropertyType.COUNTRY;
            arrays.computeIfAbsent(ftmProp, props::putArray).add(country ? s.value().toLowerCase(Locale.ROOT) : s.value());
        }
        if (schema.role() != null) props.putArray("role").add(schema.role());
        n.putArray("datasets").add(source.id());
        ObjectNode besa = n.putObject("besa");
        besa.put("type", type.name());
        ObjectNode src = besa.putObject("sources").putObject(source.id());
        src.put("title", source.title());
        src.put("originator", source.originator());
        src.put("legalBasis", source.legalBasis());
        ArrayNode list = besa.putArray("statements");
        for (Statement s : statements) {
            Provenance p = s.provenance();
            ObjectNode o = list.addObject();
            o.put("prop", s.prop());
            o.put("value", s.value());
            o.put("original", s.original());
            o.put("source", p.sourceId());
            o.put("record", p.recordKey());
            o.put("originator", p.originator());
            o.put("legalBasis", p.legalBasis());
            if (p.firstSeen() != null) o.put("firstSeen", p.firstSeen().toString());
            if (p.lastSeen() != null) o.put("lastSeen", p.lastSeen().toString());
            o.put("evaluation", p.grading().code());
            o.put("handling", p.handling().name());
            if (p.reviewDue() != null) o.put("reviewDue", p.reviewDue().toString());
        }
        return n;
    }
}
