package besa.vetting.alert;

import besa.vetting.screening.FactorKind;
import besa.vetting.screening.Finding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns findings into alerts (V90): one alert per subject and origin, one factor per finding key.
 * A finding found again updates its factor; a factor of a kind a run covered but did not find again
 * goes inactive; the alert's score is the noisy-OR of its active factors' weights. A dismissed alert
 * stays dismissed when the same findings come again, and reopens (a REOPEN decision by {@code besa}
 * naming the factors) for stronger evidence: a finding whose key it never held, a held factor whose
 * weight rose by at least {@link #REOPEN_WEIGHT_RISE}, or a held factor whose evidence names intelligence
 * entities it did not name before. The caller holds the transaction (system settings).
 */
@Repository
public class AlertWriter {
    /** Who reopens alerts in the decisions table. */
    public static final String SYSTEM_USER = "besa";
    /**
     * How much a held factor's weight must rise, from what it held, to reopen a dismissed alert:
     * 0.2 is a clear change of strength (co-location going from 3 to 40 coinciding events moves 0.3 to
     * about 0.9), not the drift of a re-run over slightly different data.
     */
    public static final double REOPEN_WEIGHT_RISE = 0.2;

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    AlertWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What {@link #merge} did to one alert. */
    public enum Change { NONE, CREATED, UPDATED, REOPENED }

    public record Result(long alertId, Change change) {}

    /**
     * Merges the findings about one subject.
     *
     * @param origin   SCREENING or INSIDER
     * @param covered  kinds this run looked for exhaustively for this subject: their factors not in
     *                 {@code findings} go inactive (empty for an incremental run, which only adds)
     * @return the alert and what changed; alert id -1 when there was none and nothing was found
     */
    public Result merge(String origin, String officerId, String username, Set<FactorKind> covered, Collection<Finding> findings) {
        Long id = jdbc.sql("select id from vetting_alert where origin = ? and coalesce(officer_id, '') = ? and coalesce(username, '') = ?")
                .params(origin, officerId == null ? "" : officerId, username == null ? "" : username)
                .query(Long.class).optional().orElse(null);
        Map<String, Finding> byKey = findings.stream().collect(Collectors.toMap(Finding::key, f -> f, (a, b) -> a.weight() >= b.weight() ? a : b));
        if (id == null) {
            if (byKey.isEmpty()) return new Result(-1, Change.NONE);
            id = jdbc.sql("insert into vetting_alert (origin, officer_id, username, score) values (?, ?, ?, 0) returning id")
                    .params(origin, officerId, username).query(Long.class).single();
            for (Finding f : byKey.values()) insert(id, f);
            rescore(id);
            return new Result(id, Change.CREATED);
        }
        Map<String, Held> held = new HashMap<>();
        jdbc.sql("select key, weight, evidence::text from vetting_factor where alert_id = ?").param(id)
                .query((rs, n) -> held.put(rs.getString(1), new Held(rs.getDouble(2), entities(rs.getString(3))))).list();
        boolean fresh = false;
        boolean changed = false;
        List<String> stronger = new ArrayList<>();
        for (Finding f : byKey.values()) {
            Held before = held.get(f.key());
            if (before != null) {
                String evidence = evidence(f);
                if (f.weight() - before.weight() >= REOPEN_WEIGHT_RISE - 1e-9) {
                    stronger.add(f.key() + String.format(Locale.ROOT, " (weight %.2f → %.2f)", before.weight(), f.weight()));
                } else if (!before.entities().containsAll(entities(evidence))) {
                    stronger.add(f.key() + " (new entities)");
                }
                // One round trip: seen again (last_seen) and, from the row as it was, whether anything changed.
                changed |= jdbc.sql("""
                        with before as (select active, weight, evidence from vetting_factor where alert_id = ? and key = ?)
                        update vetting_factor f set weight = ?, summary_sq = ?, summary_en = ?, evidence = ?::jsonb, active = true, last_seen = now()
                        from before where f.alert_id = ? and f.key = ?
                        returning not before.active or before.weight <> f.weight or before.evidence <> f.evidence""")
                        .params(id, f.key(), f.weight(), f.summarySq(), f.summaryEn(), evidence, id, f.key())
                        .query(Boolean.class).single();
            } else {
                insert(id, f);
                fresh = true;
            }
        }
        if (!covered.isEmpty()) {
            String[] kinds = covered.stream().map(Enum::name).toArray(String[]::new);
            String[] keep = byKey.keySet().toArray(String[]::new);
            changed |= jdbc.sql("update vetting_factor set active = false where alert_id = ? and active and kind = any(?) and not (key = any(?))")
                    .params(id, kinds, keep).update() > 0;
        }
        if (!fresh && !changed) return new Result(id, Change.NONE);
        rescore(id);
        String status = jdbc.sql("select status from vetting_alert where id = ?").param(id).query(String.class).single();
        if ((fresh || !stronger.isEmpty()) && status.equals("DISMISSED")) {
            List<String> added = byKey.keySet().stream().filter(k -> !held.containsKey(k)).sorted().toList();
            List<String> reasons = new ArrayList<>();
            if (!added.isEmpty()) reasons.add("new evidence: " + String.join(", ", added));
            if (!stronger.isEmpty()) reasons.add("stronger evidence: " + String.join(", ", stronger.stream().sorted().toList()));
            jdbc.sql("update vetting_alert set status = 'NEW', assignee = null, updated_at = now() where id = ?").param(id).update();
            jdbc.sql("insert into vetting_decision (alert_id, verdict, reason, decided_by) values (?, 'REOPEN', ?, ?)")
                    .params(id, String.join("; ", reasons), SYSTEM_USER).update();
            return new Result(id, Change.REOPENED);
        }
        return new Result(id, Change.UPDATED);
    }

    /** A factor as stored before this merge: its weight and the intelligence entities its evidence names. */
    private record Held(double weight, Set<String> entities) {}

    /** The ids in an evidence document's {@code entities} array (empty when it has none). */
    private Set<String> entities(String evidence) {
        Set<String> ids = new HashSet<>();
        if (evidence == null) return ids;
        JsonNode list = json.readTree(evidence).path("entities");
        if (list.isArray()) list.forEach(e -> ids.add(e.isValueNode() ? e.asString() : e.toString()));
        return ids;
    }

    private void insert(long alertId, Finding f) {
        jdbc.sql("""
                insert into vetting_factor (alert_id, key, kind, weight, summary_sq, summary_en, evidence)
                values (?, ?, ?, ?, ?, ?, ?::jsonb)""")
                .params(alertId, f.key(), f.kind().name(), f.weight(), f.summarySq(), f.summaryEn(), evidence(f)).update();
    }

    /** Noisy-OR of the active factors: 1 - prod(1 - w). */
    private void rescore(long alertId) {
        jdbc.sql("""
                update vetting_alert a set updated_at = now(),
                    score = coalesce((select least(1, greatest(0, 1 - exp(sum(ln(greatest(1e-12, 1 - f.weight))))))
                                      from vetting_factor f where f.alert_id = a.id and f.active), 0)
                where a.id = ?""").param(alertId).update();
    }

    private String evidence(Finding f) {
        return json.writeValueAsString(f.evidence());
    }
}
