package besa.bench;

import besa.match.Linker;
import besa.match.data.CsvTable;
import besa.match.data.FieldSpec;
import besa.match.data.Records;
import besa.match.data.Schema;
import besa.match.field.FieldType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Quality and speed on public data, no labels used: FEBRL4 linkage, FEBRL 1-3 deduplication and
 * Splink's fake_1000 deduplication. Prints F1 (pairwise), pairs completeness, reduction ratio, time.
 */
public final class FebrlBench {
    static final List<FieldSpec> FEBRL = List.of(
            spec("given_name", FieldType.GIVEN_NAME), spec("surname", FieldType.SURNAME), spec("street_number", FieldType.TEXT),
            spec("address_1", FieldType.ADDRESS), spec("address_2", FieldType.ADDRESS), spec("suburb", FieldType.CITY),
            spec("postcode", FieldType.POSTCODE), spec("state", FieldType.TEXT), spec("date_of_birth", FieldType.DATE),
            spec("soc_sec_id", FieldType.ID_NUMBER));
    static final List<FieldSpec> FAKE = List.of(spec("first_name", FieldType.GIVEN_NAME), spec("surname", FieldType.SURNAME),
            spec("dob", FieldType.DATE), spec("city", FieldType.CITY), spec("email", FieldType.EMAIL));

    static FieldSpec spec(String c, FieldType t) {
        return new FieldSpec(c, t);
    }

    public static void main(String[] args) {
        Path data = BenchData.shared();
        Path febrl = data.resolve("febrl");
        for (int rep = 0; rep < 2; rep++) {
            // the first round includes JVM warm-up, as a command-line run would
            long t0 = System.nanoTime();
            CsvTable a = CsvTable.read(febrl.resolve("dataset4a.csv")), b = CsvTable.read(febrl.resolve("dataset4b.csv"));
            Schema s = Schema.link(a.header(), "4a", FEBRL, List.of(), b.header(), "4b", List.of(), w -> { });
            Records ra = Records.prepare(a, "rec_id", s, true), rb = Records.prepare(b, "rec_id", s, false);
            Linker.LinkResult res = Linker.link(ra, rb, s, Linker.Options.defaults());
            double secs = (System.nanoTime() - t0) / 1e9;
            long tp = 0, candidateTrue = 0;
            for (Linker.Pair p : res.pairs()) if (entity(ra.id(p.left())).equals(entity(rb.id(p.right())))) tp++;
            Map<String, Integer> bIdx = new HashMap<>();
            for (int i = 0; i < rb.size(); i++) bIdx.put(entity(rb.id(i)), i);
            for (int i = 0; i < ra.size(); i++) {
                Integer j = bIdx.get(entity(ra.id(i)));
                if (j != null && isCandidate(res, ra, i, j)) candidateTrue++;
            }
            report("FEBRL4 link 5,000 x 5,000" + (rep == 0 ? " (cold JVM)" : " (warm)"), tp, res.pairs().size(), 5000, candidateTrue, res.stats(), secs);
        }
        for (String ds : new String[] {"dataset1.csv", "dataset2.csv", "dataset3.csv"}) {
            dedupe("FEBRL " + ds, CsvTable.read(febrl.resolve(ds)), "rec_id", FEBRL, FebrlBench::entity);
        }
        CsvTable fake = CsvTable.read(data.resolve("fake1000").resolve("fake_1000.csv"));
        int clusterCol = fake.column("cluster"), idCol = fake.column("unique_id");
        Map<String, String> truth = new HashMap<>();
        for (String[] r : fake.rows()) truth.put(r[idCol], r[clusterCol]);
        dedupe("fake_1000", fake, "unique_id", FAKE, truth::get);
        System.out.printf(Locale.ROOT, "peak heap %d MiB; process CPU %.1f s; %s%n", BenchData.peakHeapMiB(), BenchData.cpuSeconds(), BenchData.machine());
    }

    /** Blocking indexes the smaller side and probes with the other. */
    static boolean isCandidate(Linker.LinkResult res, Records left, int l, int r) {
        return res.blocking().indexed() == left ? res.blocking().isCandidate(r, l) : res.blocking().isCandidate(l, r);
    }

    static void dedupe(String name, CsvTable t, String id, List<FieldSpec> fields, java.util.function.Function<String, String> entity) {
        long t0 = System.nanoTime();
        Schema s = Schema.same(t.header(), fields, name);
        Records r = Records.prepare(t, id, s, true);
        Linker.DedupeResult res = Linker.dedupe(r, s, Linker.Options.defaults());
        double secs = (System.nanoTime() - t0) / 1e9;
        // pairwise F1 over all pairs inside predicted clusters vs true clusters
        Map<String, List<Integer>> byTruth = new HashMap<>();
        Map<Integer, List<Integer>> byCluster = new HashMap<>();
        for (int i = 0; i < r.size(); i++) {
            byTruth.computeIfAbsent(entity.apply(r.id(i)), k -> new ArrayList<>()).add(i);
            byCluster.computeIfAbsent(res.clusters()[i], k -> new ArrayList<>()).add(i);
        }
        long truePairs = 0, predicted = 0, tp = 0, candidateTrue = 0;
        for (List<Integer> g : byTruth.values()) {
            truePairs += (long) g.size() * (g.size() - 1) / 2;
            for (int x = 0; x < g.size(); x++) for (int y = x + 1; y < g.size(); y++) {
                if (res.blocking().isCandidate(Math.min(g.get(x), g.get(y)), Math.max(g.get(x), g.get(y)))) candidateTrue++;
            }
        }
        for (List<Integer> g : byCluster.values()) {
            predicted += (long) g.size() * (g.size() - 1) / 2;
            for (int x = 0; x < g.size(); x++) for (int y = x + 1; y < g.size(); y++) {
                if (entity.apply(r.id(g.get(x))).equals(entity.apply(r.id(g.get(y))))) tp++;
            }
        }
        report(name + " dedupe " + r.size() + " records", tp, predicted, truePairs, candidateTrue, res.stats(), secs);
    }

    static void report(String name, long tp, long predicted, long truth, long candidateTrue, Linker.Stats st, double secs) {
        double p = predicted == 0 ? 0 : tp / (double) predicted, r = truth == 0 ? 0 : tp / (double) truth;
        double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        System.out.printf(Locale.ROOT, "%-40s F1 %.4f (P %.4f R %.4f; %d true pairs)  pairs completeness %.4f  reduction ratio %.6f  candidates %,d  %.2f s%n",
                name, f1, p, r, truth, candidateTrue / (double) truth, st.reductionRatio(), st.candidates(), secs);
    }

    static String entity(String recId) {
        return recId.split("-")[1];
    }
}
