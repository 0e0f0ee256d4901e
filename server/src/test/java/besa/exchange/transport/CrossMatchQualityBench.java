package besa.exchange.transport;

import static org.assertj.core.api.Assertions.assertThat;

import besa.exchange.hit.CrossMatch;
import besa.exchange.partner.HandlingCode;
import besa.match.Linker;
import besa.match.data.CsvTable;
import besa.match.data.FieldSpec;
import besa.match.data.Records;
import besa.match.data.Schema;
import besa.match.field.FieldType;
import besa.match.privacy.BloomEncoder;
import besa.match.privacy.ClkLinker;
import besa.match.privacy.ClkRecord;
import besa.match.privacy.Identifier;
import besa.match.privacy.LshBlocking;
import besa.match.synth.SyntheticPeople;
import besa.platform.db.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not run by default ({@code -Dbesa.bench.xmatch.quality=true}): the exchange's
 * cross-matching between two real nodes ({@link TwoNodesTest}'s fixture: two contexts, two databases,
 * mutual TLS on loopback) on FEBRL4 and the synthetic Albanian people, against plaintext matching of
 * the same records.
 * <ul>
 *   <li>CLK: node B offers its list, node A starts the run with its own; wall clock from the start to
 *       the pairs stored at A (B encodes and seals its list, delivery, A encodes its own, links and
 *       stores). The pairs must be exactly those of {@link ClkLinker} run in process on the same
 *       encodings; precision and recall against the truth and against the plaintext engine's pairs
 *       ({@link Linker}, Fellegi–Sunter, same fields).</li>
 *   <li>PSI on one exact identifier per record (FEBRL's soc_sec_id, the synthetic mobile phone): the
 *       intersection must equal the plaintext exact join of the same normalised identifiers.</li>
 * </ul>
 * Prints {@code XMATCH-QUALITY} lines, each with the load average. Sizes:
 * {@code -Dbesa.bench.records} (synthetic, default 20,000 × 20,000 with 10,000 true pairs),
 * {@code -Dbesa.bench.xmatch.data=febrl4,synthetic}, {@code -Dbesa.bench.xmatch.psi=false} to skip the PSI.
 */
class CrossMatchQualityBench {
    static TwoNodesTest.Node a;
    static TwoNodesTest.Node b;

    /** One side's records, the truth (an entity per record) and one exact identifier per record (null if none). */
    record Side(List<ClkRecord> persons, List<String> entity, List<Identifier> ids, CsvTable table) {}

    record Data(String name, String idName, Side left, Side right, List<FieldSpec> fields) {}

    @BeforeAll
    static void startNodes() throws IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("besa.bench.xmatch.quality"), "benchmark only on request");
        TwoNodesTest.root = Files.createTempDirectory("besa-xmatch-quality");
        TwoNodesTest.root.toFile().setExecutable(true, false);
        TwoNodesTest.pg = EmbeddedPostgres.start(TwoNodesTest.root.resolve("postgres"), false);
        a = new TwoNodesTest.Node("node-a");
        b = new TwoNodesTest.Node("node-b");
        a.trust(b, b.port(), HandlingCode.H3);
        b.trust(a, a.port(), HandlingCode.H2);
    }

    @AfterAll
    static void stopNodes() {
        if (a != null && a.ctx != null) a.ctx.close();
        if (b != null && b.ctx != null) b.ctx.close();
        if (TwoNodesTest.pg != null) TwoNodesTest.pg.close();
    }

    @Test
    void crossMatchAgainstPlaintextBetweenNodes() {
        String which = System.getProperty("besa.bench.xmatch.data", "febrl4,synthetic");
        boolean psi = Boolean.parseBoolean(System.getProperty("besa.bench.xmatch.psi", "true"));
        int n = Integer.getInteger("besa.bench.records", 20_000);
        if (which.contains("febrl4")) run(febrl4(), psi);
        if (which.contains("synthetic")) run(synthetic(n, n / 2, 20260501L), psi);
    }

    void run(Data d, boolean psi) {
        int nl = d.left.persons.size(), nr = d.right.persons.size();
        System.out.printf(Locale.ROOT, "XMATCH-QUALITY == %s: %,d x %,d, %,d true pairs (%s)%n", d.name, nl, nr, truePairs(d).size(), load());
        Set<Long> truth = truePairs(d), plain = plaintext(d);
        line("plaintext engine against the truth", plain, truth);

        // CLK between the nodes
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        a.bean(CrossMatch.class).setClkSecret("liaison1", b.id, secret);
        b.bean(CrossMatch.class).setClkSecret("liaison1", a.id, secret);
        String list = "quality-" + UUID.randomUUID();
        b.bean(CrossMatch.class).offerPersons("liaison1", a.id, list, d.right.persons);
        long t0 = System.nanoTime();
        UUID clk = a.bean(CrossMatch.class).startClk("liaison1", b.id, list, d.left.persons);
        awaitDone(clk);
        double clkSeconds = (System.nanoTime() - t0) / 1e9;
        // A pair names a place in B's reply: B maps it back to its record; a pair with a dummy (a made-up person) is counted apart.
        List<CrossMatch.Pair> found = new ArrayList<>();
        int withDummies = 0;
        for (CrossMatch.Pair p : a.bean(CrossMatch.class).pairs(clk)) {
            var record = b.bean(CrossMatch.class).recordAt(clk, p.peer());
            if (record.isEmpty()) withDummies++;
            else found.add(new CrossMatch.Pair(p.own(), record.getAsInt(), p.dice()));
        }
        System.out.printf(Locale.ROOT, "XMATCH-QUALITY   pairs with a dummy (made-up person): %,d%n", withDummies);
        Set<Long> clkPairs = new HashSet<>();
        for (CrossMatch.Pair p : found) clkPairs.add(key(nr, p.own(), p.peer()));
        System.out.printf(Locale.ROOT, "XMATCH-QUALITY CLK between two nodes, %,d x %,d: %.1f s wall (start -> pairs stored at A), %,d pairs, reply %,d B sealed (%s)%n",
                nl, nr, clkSeconds, found.size(), b.jdbc().sql("select length(jwe) from exchange_outbox where thread_id = ?").param(clk).query(Integer.class).single(), load());
        line("CLK (two nodes, Dice >= 0.82) against the truth", clkPairs, truth);
        line("CLK (two nodes, Dice >= 0.82) against the plaintext engine", clkPairs, plain);

        // The same run in process must give the same pairs and scores.
        BloomEncoder enc = new BloomEncoder(secret, BloomEncoder.Spec.defaults());
        List<long[]> mine = d.left.persons.stream().map(enc::encode).toList(), theirs = d.right.persons.stream().map(enc::encode).toList();
        ClkLinker.Result local = ClkLinker.link(mine, theirs, enc.spec().suggestedThreshold(), LshBlocking.defaults(secret, enc.spec()), 2_000);
        Map<Long, Double> localDice = new HashMap<>();
        for (ClkLinker.Pair p : local.pairs()) localDice.put(key(nr, p.left(), p.right()), p.dice());
        assertThat(clkPairs).as("the nodes' pairs are ClkLinker's").isEqualTo(localDice.keySet());
        for (CrossMatch.Pair p : found) assertThat(p.dice()).isCloseTo(localDice.get(key(nr, p.own(), p.peer())), org.assertj.core.data.Offset.offset(1e-6));
        System.out.printf(Locale.ROOT, "XMATCH-QUALITY   identical to ClkLinker in process (%,d comparisons after LSH blocking)%n", local.comparisons());

        if (!psi) return;
        Set<Identifier> own = new LinkedHashSet<>(), peer = new LinkedHashSet<>();
        d.left.ids.stream().filter(Objects::nonNull).forEach(own::add);
        d.right.ids.stream().filter(Objects::nonNull).forEach(peer::add);
        b.bean(CrossMatch.class).offerIdentifiers("liaison1", a.id, list, new ArrayList<>(peer));
        long t1 = System.nanoTime();
        UUID session = a.bean(CrossMatch.class).startPsi("liaison1", b.id, list, new ArrayList<>(own));
        awaitDone(session);
        double psiSeconds = (System.nanoTime() - t1) / 1e9;
        Set<Identifier> intersection = a.bean(CrossMatch.class).intersection(session), joined = new HashSet<>(own);
        joined.retainAll(peer);
        assertThat(intersection).as("PSI = plaintext exact join").isEqualTo(joined);
        Set<Long> psiPairs = pairsOf(d, intersection);
        System.out.printf(Locale.ROOT, "XMATCH-QUALITY PSI between two nodes on %s, %,d x %,d distinct: %.1f s wall, intersection %,d = plaintext exact join %,d (%s)%n",
                d.idName, own.size(), peer.size(), psiSeconds, intersection.size(), joined.size(), load());
        line("PSI (two nodes) against the plaintext exact join", psiPairs, pairsOf(d, joined));
        line("PSI (two nodes) against the truth", psiPairs, truth);
    }

    static void awaitDone(UUID session) {
        TwoNodesTest.await("cross-match " + session, Duration.ofMinutes(20), () -> {
            b.bean(CrossMatch.class).work();
            a.bean(CrossMatch.class).work();
            return a.bean(CrossMatch.class).status(session).orElse("").equals("DONE");
        });
    }

    // ---- data

    static Data febrl4() {
        Path dir = shared().resolve("febrl");
        CsvTable l = CsvTable.read(dir.resolve("dataset4a.csv")), r = CsvTable.read(dir.resolve("dataset4b.csv"));
        return new Data("FEBRL4 (given name, surname, date of birth)", "soc_sec_id", febrl(l), febrl(r),
                List.of(new FieldSpec("given_name", FieldType.GIVEN_NAME), new FieldSpec("surname", FieldType.SURNAME), new FieldSpec("date_of_birth", FieldType.DATE)));
    }

    static Side febrl(CsvTable t) {
        int g = t.column("given_name"), s = t.column("surname"), d = t.column("date_of_birth"), id = t.column("rec_id"), ssn = t.column("soc_sec_id");
        List<ClkRecord> persons = new ArrayList<>();
        List<String> entity = new ArrayList<>();
        List<Identifier> ids = new ArrayList<>();
        for (String[] row : t.rows()) {
            persons.add(new ClkRecord(row[g].strip(), null, row[s].strip(), row[d].strip()));
            entity.add(row[id].strip().replaceAll("^rec-(\\d+)-.*$", "$1")); // rec-N-org and rec-N-dup-K are person N
            ids.add(Identifier.document("AU", row[ssn]).orElse(null));
        }
        return new Side(persons, entity, ids, t);
    }

    static Data synthetic(int n, int m, long seed) {
        SyntheticPeople.Linkage s = SyntheticPeople.linkage(n, m, seed);
        List<Integer> leftWho = java.util.stream.IntStream.range(0, n).boxed().toList();
        return new Data(String.format(Locale.ROOT, "synthetic Albanian people, seed %d (given, father's name, surname, date of birth)", seed), "mobile phone",
                synthetic("left", s.left(), leftWho), synthetic("right", s.right(), s.rightWho()),
                List.of(new FieldSpec("given", FieldType.GIVEN_NAME), new FieldSpec("father", FieldType.FATHER_NAME),
                        new FieldSpec("surname", FieldType.SURNAME), new FieldSpec("dob", FieldType.DATE)));
    }

    static Side synthetic(String name, List<SyntheticPeople.Person> people, List<Integer> who) {
        List<ClkRecord> persons = new ArrayList<>();
        List<String> entity = new ArrayList<>();
        List<Identifier> ids = new ArrayList<>();
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            SyntheticPeople.Person p = people.get(i);
            String dob = p.year() == 0 ? "" : p.dob();
            persons.add(new ClkRecord(p.given(), p.father(), p.surname(), dob));
            entity.add("p" + who.get(i));
            ids.add(Identifier.phone(p.phone()).orElse(null));
            rows.add(new String[] {name + i, p.given(), p.father(), p.surname(), dob});
        }
        return new Side(persons, entity, ids, new CsvTable(name, List.of("id", "given", "father", "surname", "dob"), rows));
    }

    static Path shared() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared").resolve("data");
            if (Files.isDirectory(c.resolve("febrl"))) return c;
        }
        throw new IllegalStateException("no shared/data/febrl above " + Path.of("").toAbsolutePath());
    }

    // ---- plaintext matching and scoring

    static Set<Long> plaintext(Data d) {
        long t0 = System.nanoTime();
        String id = d.left.table.header().get(0).equals("rec_id") ? "rec_id" : "id";
        Schema s = Schema.link(d.left.table.header(), "left", d.fields, List.of(), d.right.table.header(), "right", List.of(), w -> { });
        Records ra = Records.prepare(d.left.table, id, s, true), rb = Records.prepare(d.right.table, id, s, false);
        Linker.LinkResult res = Linker.link(ra, rb, s, Linker.Options.defaults());
        Set<Long> out = new HashSet<>();
        for (Linker.Pair p : res.pairs()) out.add(key(d.right.persons.size(), p.left(), p.right()));
        System.out.printf(Locale.ROOT, "XMATCH-QUALITY plaintext engine in process: %.1f s (%s)%n", (System.nanoTime() - t0) / 1e9, load());
        return out;
    }

    static Set<Long> truePairs(Data d) {
        Map<String, List<Integer>> right = new HashMap<>();
        for (int j = 0; j < d.right.entity.size(); j++) right.computeIfAbsent(d.right.entity.get(j), k -> new ArrayList<>()).add(j);
        Set<Long> out = new HashSet<>();
        for (int i = 0; i < d.left.entity.size(); i++) for (int j : right.getOrDefault(d.left.entity.get(i), List.of())) out.add(key(d.right.entity.size(), i, j));
        return out;
    }

    /** Every left and right record holding an identifier of {@code ids}. */
    static Set<Long> pairsOf(Data d, Set<Identifier> ids) {
        Map<Identifier, List<Integer>> right = new HashMap<>();
        for (int j = 0; j < d.right.ids.size(); j++) if (d.right.ids.get(j) != null) right.computeIfAbsent(d.right.ids.get(j), k -> new ArrayList<>()).add(j);
        Set<Long> out = new HashSet<>();
        for (int i = 0; i < d.left.ids.size(); i++) {
            Identifier x = d.left.ids.get(i);
            if (x != null && ids.contains(x)) for (int j : right.get(x)) out.add(key(d.right.ids.size(), i, j));
        }
        return out;
    }

    static long key(int rightSize, int left, int right) {
        return (long) left * rightSize + right;
    }

    static void line(String what, Set<Long> pairs, Set<Long> reference) {
        ToIntFunction<Set<Long>> common = s -> (int) s.stream().filter(reference::contains).count();
        int both = common.applyAsInt(pairs);
        double p = pairs.isEmpty() ? 0 : both / (double) pairs.size(), r = reference.isEmpty() ? 0 : both / (double) reference.size();
        System.out.printf(Locale.ROOT, "XMATCH-QUALITY   %-55s P %.4f  R %.4f  F1 %.4f  (%,d pairs, %,d of the reference's %,d)%n",
                what, p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), pairs.size(), both, reference.size());
    }

    static String load() {
        return String.format(Locale.ROOT, "load average %.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
