package besa.bench;

import besa.match.Linker;
import besa.match.data.CsvTable;
import besa.match.data.FieldSpec;
import besa.match.data.Records;
import besa.match.data.Schema;
import besa.match.field.FieldType;
import besa.match.privacy.BloomEncoder;
import besa.match.privacy.BloomEncoder.Hardening;
import besa.match.privacy.ClkLinker;
import besa.match.privacy.ClkRecord;
import besa.match.privacy.Identifier;
import besa.match.privacy.LshBlocking;
import besa.match.privacy.PsiRequester;
import besa.match.privacy.PsiResponder;
import besa.match.privacy.PsiResponse;
import besa.match.synth.SyntheticPeople;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Privacy-preserving cross-matching: precision, recall and F1 of the Bloom-filter linkage against
 * the plaintext engine on the same records and fields (FEBRL4 and synthetic Albanian people), its
 * comparison speed, and the time and message sizes of the PSI. Prints figures; no labels are used to
 * fit anything (the threshold and LSH parameters are fixed constants).
 */
public final class PrivacyMatchBench {
    static final List<BloomEncoder.Spec> SPECS = List.of(BloomEncoder.Spec.defaults(),
            new BloomEncoder.Spec(1024, 10, 20, 20, Hardening.BALANCE), new BloomEncoder.Spec(1024, 10, 20, 20, Hardening.XOR_FOLD),
            new BloomEncoder.Spec(1024, 10, 20, 20, Hardening.NONE));
    static final int BANDS = Integer.getInteger("bands", 48), BITS_PER_BAND = Integer.getInteger("bitsPerBand", 12), MAX_BLOCK = 2_000;

    /** Two lists with their truth; leftIds/rightIds: each record's exact identifier for the PSI (null where it has none). */
    record Data(String name, List<ClkRecord> left, List<ClkRecord> right, List<String> leftEntity, List<String> rightEntity,
                CsvTable leftTable, CsvTable rightTable, String id, List<FieldSpec> fields,
                String identifier, List<Identifier> leftIds, List<Identifier> rightIds) {}

    public static void main(String[] args) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String only = args.length > 0 ? args[0] : "all";
        boolean quality = only.equals("quality"); // the exchange's two techniques against plaintext matching: default CLK and PSI per data set
        List<Data> sets = only.equals("psi") || only.equals("speed") ? List.of() : List.of(febrl4(), synthetic(20_000, 10_000, 20260501L));
        for (Data d : sets) {
            System.out.printf(Locale.ROOT, "%n== %s ==%n", d.name());
            Set<Long> plain = plaintext(d);
            for (BloomEncoder.Spec spec : quality ? List.of(BloomEncoder.Spec.defaults()) : SPECS) {
                if (System.getProperty("hardening", spec.hardening().name()).equals(spec.hardening().name())) clk(d, secret, spec, plain);
            }
            if (quality || only.equals("all")) psiAgainstExactJoin(d);
        }
        if (!only.equals("clk") && !only.equals("speed") && !quality) psi(10_000, 10_000, 1_000);
        if (only.equals("all") || only.equals("speed")) speed(secret);
        System.out.printf(Locale.ROOT, "%npeak heap %d MiB; process CPU %.1f s; %s%n", BenchData.peakHeapMiB(), BenchData.cpuSeconds(), BenchData.machine());
    }

    static Data febrl4() {
        Path f = BenchData.shared().resolve("febrl");
        CsvTable a = CsvTable.read(f.resolve("dataset4a.csv")), b = CsvTable.read(f.resolve("dataset4b.csv"));
        List<FieldSpec> fields = List.of(new FieldSpec("given_name", FieldType.GIVEN_NAME), new FieldSpec("surname", FieldType.SURNAME),
                new FieldSpec("date_of_birth", FieldType.DATE));
        return new Data("FEBRL4 5,000 x 5,000 (given name, surname, date of birth; no father's name in FEBRL)",
                febrlRecords(a), febrlRecords(b), entities(a), entities(b), a, b, "rec_id", fields,
                "soc_sec_id as a document number", febrlIds(a), febrlIds(b));
    }

    /** FEBRL's social security number as the exact identifier (a document number, country AU). */
    static List<Identifier> febrlIds(CsvTable t) {
        int c = t.column("soc_sec_id");
        return t.rows().stream().map(r -> Identifier.document("AU", r[c]).orElse(null)).toList();
    }

    static List<ClkRecord> febrlRecords(CsvTable t) {
        int g = t.column("given_name"), s = t.column("surname"), d = t.column("date_of_birth");
        List<ClkRecord> out = new ArrayList<>();
        for (String[] r : t.rows()) out.add(new ClkRecord(r[g].strip(), null, r[s].strip(), r[d].strip()));
        return out;
    }

    static List<String> entities(CsvTable t) {
        int id = t.column("rec_id");
        return t.rows().stream().map(r -> FebrlBench.entity(r[id].strip())).toList();
    }

    /** Left: n people as written at home; right: variants (other scripts, spellings, typos) of the first m and n - m others, with siblings. */
    static Data synthetic(int n, int m, long seed) {
        SyntheticPeople.Linkage data = SyntheticPeople.linkage(n, m, seed);
        List<String[]> lRows = new ArrayList<>(), rRows = new ArrayList<>();
        List<String> lEnt = new ArrayList<>(), rEnt = new ArrayList<>();
        List<Identifier> lIds = new ArrayList<>(), rIds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lRows.add(row("L" + i, data.left().get(i)));
            lEnt.add("p" + i);
            lIds.add(Identifier.phone(data.left().get(i).phone()).orElse(null));
        }
        for (int i = 0; i < n; i++) {
            SyntheticPeople.Person v = data.right().get(i);
            rRows.add(row("R" + i, v));
            rEnt.add("p" + data.rightWho().get(i));
            rIds.add(Identifier.phone(v.phone()).orElse(null));
        }
        List<String> header = List.of("id", "given", "father", "surname", "dob");
        CsvTable l = new CsvTable("left", header, lRows), r = new CsvTable("right", header, rRows);
        List<FieldSpec> fields = List.of(new FieldSpec("given", FieldType.GIVEN_NAME), new FieldSpec("father", FieldType.FATHER_NAME),
                new FieldSpec("surname", FieldType.SURNAME), new FieldSpec("dob", FieldType.DATE));
        return new Data(String.format(Locale.ROOT, "synthetic Albanian people %,d x %,d, %,d true pairs (given, father's name, surname, date of birth)", n, n, m),
                rows(lRows), rows(rRows), lEnt, rEnt, l, r, "id", fields,
                "mobile phone (E.164; the other agency writes half of them nationally, 15 % not at all)", lIds, rIds);
    }

    static String[] row(String id, SyntheticPeople.Person p) {
        return new String[] {id, p.given(), p.father(), p.surname(), p.year() == 0 ? "" : p.dob()};
    }

    static List<ClkRecord> rows(List<String[]> rows) {
        return rows.stream().map(r -> new ClkRecord(r[1], r[2], r[3], r[4])).toList();
    }

    /** The plaintext engine's pairs (as left * size + right), after printing their quality. */
    static Set<Long> plaintext(Data d) {
        long t0 = System.nanoTime();
        Schema s = Schema.link(d.leftTable().header(), "left", d.fields(), List.of(), d.rightTable().header(), "right", List.of(), w -> { });
        Records ra = Records.prepare(d.leftTable(), d.id(), s, true), rb = Records.prepare(d.rightTable(), d.id(), s, false);
        Linker.LinkResult res = Linker.link(ra, rb, s, Linker.Options.defaults());
        double secs = (System.nanoTime() - t0) / 1e9;
        long tp = 0;
        for (Linker.Pair p : res.pairs()) if (d.leftEntity().get(p.left()).equals(d.rightEntity().get(p.right()))) tp++;
        line("plaintext engine (Fellegi-Sunter, p >= 0.5)", tp, res.pairs().size(), truePairs(d));
        System.out.printf(Locale.ROOT, "   candidates %,d, %.2f s%n", res.stats().candidates(), secs);
        Set<Long> out = new HashSet<>();
        for (Linker.Pair p : res.pairs()) out.add(key(d, p.left(), p.right()));
        return out;
    }

    static long key(Data d, int left, int right) {
        return (long) left * d.right().size() + right;
    }

    /** Precision and recall of {@code pairs} taking {@code reference} (plaintext matching's pairs) as the truth. */
    static void against(String name, Set<Long> pairs, Set<Long> reference) {
        long both = pairs.stream().filter(reference::contains).count();
        double p = pairs.isEmpty() ? 0 : both / (double) pairs.size(), r = reference.isEmpty() ? 0 : both / (double) reference.size();
        System.out.printf(Locale.ROOT, "%-52s P %.4f  R %.4f  (%,d pairs, %,d of them among the plaintext's %,d)%n", name, p, r, pairs.size(), both, reference.size());
    }

    static void clk(Data d, byte[] secret, BloomEncoder.Spec spec, Set<Long> plain) {
        BloomEncoder enc = new BloomEncoder(secret, spec);
        long t0 = System.nanoTime();
        List<long[]> l = d.left().parallelStream().map(enc::encode).toList(), r = d.right().parallelStream().map(enc::encode).toList();
        double encSecs = (System.nanoTime() - t0) / 1e9;
        LshBlocking lsh = new LshBlocking(secret, spec.encodedBits(), BANDS, BITS_PER_BAND);
        t0 = System.nanoTime();
        double chosen = spec.suggestedThreshold();
        double[] sweep = {chosen - 0.06, chosen - 0.04, chosen - 0.02, chosen, chosen + 0.02, chosen + 0.04};
        double cpu0 = BenchData.cpuSeconds();
        ClkLinker.Result res = ClkLinker.link(l, r, sweep[0], lsh, MAX_BLOCK);
        double linkSecs = (System.nanoTime() - t0) / 1e9, linkCpu = BenchData.cpuSeconds() - cpu0;
        long truth = truePairs(d);
        System.out.printf(Locale.ROOT, "CLK %s of %d bits, %d bits encoded; LSH %d bands x %d bits: encode %.2f s, link %.2f s (%.2f CPU-s), %,d comparisons (%.4f of all pairs), pairs completeness %.4f, blocks over cap %d%n",
                spec.hardening(), spec.bits(), spec.encodedBits(), BANDS, BITS_PER_BAND, encSecs, linkSecs, linkCpu, res.comparisons(),
                res.comparisons() / ((double) l.size() * r.size()), completeness(d, l, r, lsh), res.blocksDropped());
        for (double t : sweep) {
            List<ClkLinker.Pair> kept = res.pairs().stream().filter(p -> p.dice() >= t).toList();
            line(String.format(Locale.ROOT, "   Dice >= %.2f%s", t, t == chosen ? " (suggested)" : ""), tp(d, kept), kept.size(), truth);
            if (t == chosen) {
                List<ClkLinker.Pair> one = ClkLinker.oneToOne(kept);
                line(String.format(Locale.ROOT, "   Dice >= %.2f, one-to-one", t), tp(d, one), one.size(), truth);
                Set<Long> clkPairs = new HashSet<>();
                for (ClkLinker.Pair p : kept) clkPairs.add(key(d, p.left(), p.right()));
                against(String.format(Locale.ROOT, "   Dice >= %.2f against the plaintext engine's pairs", t), clkPairs, plain);
            }
        }
    }

    static double completeness(Data d, List<long[]> l, List<long[]> r, LshBlocking lsh) {
        Map<String, List<Integer>> right = new HashMap<>();
        for (int j = 0; j < r.size(); j++) right.computeIfAbsent(d.rightEntity().get(j), k -> new ArrayList<>()).add(j);
        long found = 0, all = 0;
        for (int i = 0; i < l.size(); i++) {
            long[] ki = lsh.keys(l.get(i));
            for (int j : right.getOrDefault(d.leftEntity().get(i), List.of())) {
                all++;
                if (LshBlocking.shareBlock(ki, lsh.keys(r.get(j)))) found++;
            }
        }
        return all == 0 ? 0 : found / (double) all;
    }

    static long truePairs(Data d) {
        Map<String, Long> counts = new HashMap<>();
        for (String e : d.rightEntity()) counts.merge(e, 1L, Long::sum);
        long n = 0;
        for (String e : d.leftEntity()) n += counts.getOrDefault(e, 0L);
        return n;
    }

    static long tp(Data d, List<ClkLinker.Pair> pairs) {
        return pairs.stream().filter(p -> d.leftEntity().get(p.left()).equals(d.rightEntity().get(p.right()))).count();
    }

    static void line(String name, long tp, long predicted, long truth) {
        double p = predicted == 0 ? 0 : tp / (double) predicted, r = truth == 0 ? 0 : tp / (double) truth;
        double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        System.out.printf(Locale.ROOT, "%-52s P %.4f  R %.4f  F1 %.4f  (%,d pairs, %,d true of %,d)%n", name, p, r, f1, predicted, tp, truth);
    }

    /**
     * Dice comparisons per second of the default encodings: every encoding of a 4,096 block against
     * every other (the linker's inner loop), one thread, for about 5 s. Reports per second of the
     * thread's CPU time (what one core does, whatever else runs on the machine) and of wall time.
     */
    static void speed(byte[] secret) {
        BloomEncoder enc = new BloomEncoder(secret, BloomEncoder.Spec.defaults());
        SyntheticPeople gen = new SyntheticPeople(3);
        int n = 4096, w = enc.spec().encodedBits() / 64;
        long[] flat = new long[n * w];
        int[] cards = new int[n];
        List<long[]> probes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SyntheticPeople.Person p = gen.person(null);
            long[] e = enc.encode(new ClkRecord(p.given(), p.father(), p.surname(), p.dob()));
            System.arraycopy(e, 0, flat, i * w, w);
            cards[i] = besa.match.privacy.Dice.cardinality(e);
            probes.add(e);
        }
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long fixed = besa.match.privacy.Dice.fixedPoint(enc.spec().suggestedThreshold());
        for (int round = 0; round < 3; round++) {
            long cpu0 = threads.getCurrentThreadCpuTime(), wall0 = System.nanoTime(), comparisons = 0, hits = 0;
            while (System.nanoTime() - wall0 < 5_000_000_000L) {
                for (int i = 0; i < n; i++) {
                    long[] a = probes.get(i);
                    int ca = cards[i];
                    for (int r = 0; r < n; r++) {
                        int common = besa.match.privacy.Dice.common(a, flat, r * w);
                        if (besa.match.privacy.Dice.atLeast(common, ca + cards[r], fixed)) hits++;
                    }
                    comparisons += n;
                }
            }
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9, wall = (System.nanoTime() - wall0) / 1e9;
            System.out.printf(Locale.ROOT, "%s speed of the scalar loop (Dice.common; bench/run clk-speed for the linker's kernel), %d-bit encodings, one thread%s: %,.0f comparisons per CPU-second, %,.0f per wall-second (%,d comparisons, %d above threshold); %s%n",
                    round == 0 ? "\n== Dice" : "  ", enc.spec().encodedBits(), round == 0 ? " (warm-up round)" : "", comparisons / cpu, comparisons / wall, comparisons, hits, BenchData.machine());
        }
    }

    /**
     * The PSI on each record's exact identifier against the plaintext exact join of the same
     * normalised identifiers (which it must equal), and both against the truth. Pairs: every left and
     * right record holding an identifier of the intersection (the requester learns the intersection,
     * each side maps it back to its own records).
     */
    static void psiAgainstExactJoin(Data d) {
        Map<Identifier, List<Integer>> leftBy = new HashMap<>(), rightBy = new HashMap<>();
        for (int i = 0; i < d.leftIds().size(); i++) if (d.leftIds().get(i) != null) leftBy.computeIfAbsent(d.leftIds().get(i), k -> new ArrayList<>()).add(i);
        for (int i = 0; i < d.rightIds().size(); i++) if (d.rightIds().get(i) != null) rightBy.computeIfAbsent(d.rightIds().get(i), k -> new ArrayList<>()).add(i);
        Set<Identifier> joined = new HashSet<>(leftBy.keySet());
        joined.retainAll(rightBy.keySet());
        SecureRandom random = new SecureRandom();
        double cpu0 = BenchData.cpuSeconds();
        long t0 = System.nanoTime();
        PsiRequester a = PsiRequester.start(leftBy.keySet(), random);
        PsiResponse response = PsiResponse.fromBytes(PsiResponder.start(rightBy.keySet(), random).respond(besa.match.privacy.PsiRequest.fromBytes(a.request().toBytes())).toBytes());
        Set<Identifier> found = a.intersection(response);
        double secs = (System.nanoTime() - t0) / 1e9, cpu = BenchData.cpuSeconds() - cpu0;
        System.out.printf(Locale.ROOT, "PSI on %s: %,d x %,d distinct identifiers (%,d and %,d records without one), %.1f s wall, %.1f CPU-s (%s)%n",
                d.identifier(), leftBy.size(), rightBy.size(), d.leftIds().stream().filter(java.util.Objects::isNull).count(),
                d.rightIds().stream().filter(java.util.Objects::isNull).count(), secs, cpu, BenchData.machine());
        Set<Long> psiPairs = pairsOf(d, found, leftBy, rightBy), joinPairs = pairsOf(d, joined, leftBy, rightBy);
        System.out.printf(Locale.ROOT, "   intersection %,d identifiers, plaintext exact join %,d: %s%n", found.size(), joined.size(), found.equals(joined) ? "identical" : "DIFFERENT");
        against("   PSI against the plaintext exact join's pairs", psiPairs, joinPairs);
        long truth = truePairs(d);
        line("   PSI against the truth", psiPairs.stream().filter(k -> isTrue(d, k)).count(), psiPairs.size(), truth);
        line("   plaintext exact join against the truth", joinPairs.stream().filter(k -> isTrue(d, k)).count(), joinPairs.size(), truth);
    }

    static Set<Long> pairsOf(Data d, Set<Identifier> ids, Map<Identifier, List<Integer>> leftBy, Map<Identifier, List<Integer>> rightBy) {
        Set<Long> out = new HashSet<>();
        for (Identifier id : ids) for (int l : leftBy.get(id)) for (int r : rightBy.get(id)) out.add(key(d, l, r));
        return out;
    }

    static boolean isTrue(Data d, long key) {
        int n = d.right().size();
        return d.leftEntity().get((int) (key / n)).equals(d.rightEntity().get((int) (key % n)));
    }

    /** PSI between two lists of phone numbers with a known overlap: time per side and bytes on the wire. */
    static void psi(int nRequester, int nResponder, int overlap) {
        SecureRandom random = new SecureRandom();
        java.util.Random seeded = new java.util.Random(1);
        Set<String> used = new HashSet<>();
        List<Identifier> common = phones(seeded, overlap, used), x = new ArrayList<>(common), y = new ArrayList<>(common);
        x.addAll(phones(seeded, nRequester - overlap, used));
        y.addAll(phones(seeded, nResponder - overlap, used));
        long t0 = System.nanoTime();
        PsiRequester a = PsiRequester.start(x, random);
        byte[] m1 = a.request().toBytes();
        long t1 = System.nanoTime();
        PsiResponder b = PsiResponder.start(y, random);
        PsiResponse resp = b.respond(besa.match.privacy.PsiRequest.fromBytes(m1));
        byte[] m2 = resp.toBytes();
        long t2 = System.nanoTime();
        Set<Identifier> found = a.intersection(PsiResponse.fromBytes(m2));
        long t3 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%n== PSI (P-256, RFC 9380 hash-to-curve), %,d x %,d phone numbers, %,d in common ==%n", nRequester, nResponder, overlap);
        System.out.printf(Locale.ROOT, "found %,d (%s); requester round 1 %.2f s, responder round 2 %.2f s, requester finish %.2f s; total %.2f s; messages %,d + %,d bytes%n",
                found.size(), found.size() == overlap && found.containsAll(common) ? "exactly the overlap" : "WRONG", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9,
                (t3 - t0) / 1e9, m1.length, m2.length);
    }

    static List<Identifier> phones(java.util.Random r, int n, Set<String> used) {
        List<Identifier> out = new ArrayList<>();
        while (out.size() < n) {
            Identifier id = Identifier.phone("06" + (7 + r.nextInt(3)) + String.format(Locale.ROOT, "%07d", r.nextInt(10_000_000))).orElseThrow();
            if (used.add(id.value())) out.add(id);
        }
        return out;
    }
}
