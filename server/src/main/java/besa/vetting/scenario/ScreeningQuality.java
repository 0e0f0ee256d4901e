package besa.vetting.scenario;

import besa.vetting.VettingAccess;
import besa.vetting.screening.FactorKind;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Precision and recall of the screening against a scenario's ground truth, read from the alerts it
 * wrote: an officer "has" a kind when his screening alert holds an active factor of that kind. Also
 * at the alert level (any active factor), and the hard negatives that drew factors, by category.
 * Officers reserved for the incremental run are not scored.
 */
@Component
public class ScreeningQuality {
    /** The kinds screening finds (the insider watch is not screening). */
    public static final Set<FactorKind> SCREENING_KINDS = EnumSet.of(FactorKind.IDENTIFIER, FactorKind.PERSON, FactorKind.NETWORK,
            FactorKind.COLOCATION, FactorKind.CONTRADICTION);

    private final VettingAccess vetting;
    private final JdbcClient jdbc;

    ScreeningQuality(VettingAccess vetting, JdbcClient jdbc) {
        this.vetting = vetting;
        this.jdbc = jdbc;
    }

    /** Counts for one kind (or for alerts as a whole). */
    public record Score(int truePositives, int falsePositives, int falseNegatives) {
        public double precision() {
            return truePositives + falsePositives == 0 ? 1.0 : truePositives / (double) (truePositives + falsePositives);
        }

        public double recall() {
            return truePositives + falseNegatives == 0 ? 1.0 : truePositives / (double) (truePositives + falseNegatives);
        }

        public double f1() {
            double p = precision(), r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /**
     * @param byKind        per factor kind
     * @param alerts        alert level: expected any kind vs. holds any active factor
     * @param fired         per category, per kind: how many officers of the category hold a factor of the kind
     * @param missed        per category: officers whose expected kinds were not all found
     * @param maxWeight     per category, per kind: the highest factor weight seen
     * @param scored        officers scored
     */
    public record Report(Map<FactorKind, Score> byKind, Score alerts, Map<Truth.Category, Map<FactorKind, Integer>> fired,
            Map<Truth.Category, Integer> missed, Map<Truth.Category, Map<FactorKind, Double>> maxWeight, Map<Truth.Category, Integer> sizes,
            int scored) {

        public double maxWeight(Truth.Category c, FactorKind k) {
            return maxWeight.getOrDefault(c, Map.of()).getOrDefault(k, 0.0);
        }

        /** The report as a table, for the bench command and the test's failure messages. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            out.add(String.format(Locale.ROOT, "%-14s %6s %6s %6s %9s %7s %6s", "kind", "TP", "FP", "FN", "precision", "recall", "F1"));
            byKind.forEach((k, s) -> out.add(row(k.name(), s)));
            out.add(row("ALERT", alerts));
            out.add(String.format(Locale.ROOT, "%-22s %5s  %s", "category", "size", "factors drawn (officers per kind; max weight) / missed"));
            sizes.forEach((c, n) -> {
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-22s %5d  ", c + (c.hardNegative() ? " (hard -)" : ""), n));
                Map<FactorKind, Integer> f = fired.getOrDefault(c, Map.of());
                if (f.isEmpty()) b.append("none");
                f.forEach((k, v) -> b.append(String.format(Locale.ROOT, "%s %d (%.2f)  ", k, v, maxWeight(c, k))));
                if (missed.getOrDefault(c, 0) > 0) b.append(" / missed ").append(missed.get(c));
                out.add(b.toString().stripTrailing());
            });
            return out;
        }

        private static String row(String name, Score s) {
            return String.format(Locale.ROOT, "%-14s %6d %6d %6d %9.4f %7.4f %6.4f", name, s.truePositives(), s.falsePositives(), s.falseNegatives(),
                    s.precision(), s.recall(), s.f1());
        }
    }

    /** Active factors per officer (screening alerts only), with the highest weight per kind. */
    public Map<String, Map<FactorKind, Double>> factors(List<String> officerIds) {
        return vetting.system(scope -> {
            Map<String, Map<FactorKind, Double>> out = new HashMap<>();
            jdbc.sql("""
                    select a.officer_id, f.kind, max(f.weight) from vetting_alert a join vetting_factor f on f.alert_id = a.id
                    where a.origin = 'SCREENING' and f.active and a.officer_id = any(?) group by a.officer_id, f.kind""")
                    .param(officerIds.toArray(String[]::new))
                    .query((ResultSet rs) -> {
                        FactorKind k = FactorKind.valueOf(rs.getString(2));
                        out.computeIfAbsent(rs.getString(1), x -> new EnumMap<>(FactorKind.class)).put(k, rs.getDouble(3));
                    });
            return out;
        });
    }

    public Report measure(List<Truth> truth) {
        List<Truth> scored = truth.stream().filter(t -> t.category() != Truth.Category.RESERVED).toList();
        return score(scored, factors(scored.stream().map(Truth::officerId).toList()));
    }

    /** The arithmetic alone (tested without a database). */
    static Report score(List<Truth> scored, Map<String, Map<FactorKind, Double>> factors) {
        Map<FactorKind, int[]> counts = new EnumMap<>(FactorKind.class);
        SCREENING_KINDS.forEach(k -> counts.put(k, new int[3]));
        int[] alert = new int[3];
        Map<Truth.Category, Map<FactorKind, Integer>> fired = new TreeMap<>();
        Map<Truth.Category, Map<FactorKind, Double>> maxWeight = new TreeMap<>();
        Map<Truth.Category, Integer> missed = new TreeMap<>();
        Map<Truth.Category, Integer> sizes = new TreeMap<>();
        for (Truth t : scored) {
            Map<FactorKind, Double> has = factors.getOrDefault(t.officerId(), Map.of());
            sizes.merge(t.category(), 1, Integer::sum);
            for (FactorKind k : SCREENING_KINDS) {
                boolean expected = t.expected().contains(k), found = has.containsKey(k);
                int[] c = counts.get(k);
                if (expected && found) c[0]++;
                else if (found) c[1]++;
                else if (expected) c[2]++;
            }
            boolean positive = !t.expected().isEmpty(), alerted = has.keySet().stream().anyMatch(SCREENING_KINDS::contains);
            if (positive && alerted) alert[0]++;
            else if (alerted) alert[1]++;
            else if (positive) alert[2]++;
            has.forEach((k, w) -> {
                if (!SCREENING_KINDS.contains(k)) return;
                fired.computeIfAbsent(t.category(), x -> new EnumMap<>(FactorKind.class)).merge(k, 1, Integer::sum);
                maxWeight.computeIfAbsent(t.category(), x -> new EnumMap<>(FactorKind.class)).merge(k, w, Math::max);
            });
            if (!has.keySet().containsAll(t.expected())) missed.merge(t.category(), 1, Integer::sum);
        }
        Map<FactorKind, Score> byKind = new EnumMap<>(FactorKind.class);
        counts.forEach((k, c) -> byKind.put(k, new Score(c[0], c[1], c[2])));
        return new Report(byKind, new Score(alert[0], alert[1], alert[2]), fired, missed, maxWeight, sizes, scored.size());
    }
}
