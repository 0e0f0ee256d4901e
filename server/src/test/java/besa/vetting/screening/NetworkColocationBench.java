package besa.vetting.screening;

import static org.assertj.core.api.Assertions.assertThat;

import besa.access.ReadScope;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import besa.match.normalize.Imeis;
import besa.vetting.VettingAccess;
import besa.vetting.personnel.Officer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Measures the network and co-location detectors alone on synthetic data (not part of the test suite:
 * the name does not end in Test). Run:
 * {@code ./mvnw -B -q -o -pl server verify -Dtest=NetworkColocationBench -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true -Dbesa.bench.entities=300000}
 * and read the lines starting "BENCH" in the output.
 *
 * <p>Data: persons using phones, phones calling phones, devices, vehicles, criminal groups with
 * members; 13,500 officers (one phone and one IMEI each, 20 % of the phones in intelligence, 20
 * eight-hour shifts each at one of 300 stations); 1,000 Sky ECC accounts with 30 location events each
 * and 5 location events per officer phone found in intelligence; planted: 60 officer phones one or
 * two hops from a member, 20 cryptophones co-located with an officer's phone.
 */
@SpringBootTest(properties = "logging.level.besa.vetting.screening=debug")
class NetworkColocationBench {
    @Autowired IntelStore store;
    @Autowired VettingAccess vetting;
    @Autowired JdbcClient jdbc;
    @Autowired NetworkDetector network;
    @Autowired ColocationDetector colocation;

    static final int OFFICERS = 13_500, STATIONS = 300, SHIFTS = 20, CRYPTOS = 1_000, CRYPTO_EVENTS = 30, PLANTED_NET = 60, PLANTED_COLO = 20;
    static final String SRC = "bench-vetting";
    final Random r = new Random(42);
    final Provenance p = new Provenance(SRC, "r", "BESA", "benchmark (synthetic)", null, null, Grading.parse("C3"), Handling.H1, null);
    final List<EntityRecord> batch = new ArrayList<>();
    long written;
    int seq;

    @Test
    void measure() {
        int n = Integer.getInteger("besa.bench.entities", 100_000);
        long t0 = System.nanoTime();
        store.saveSource(new Source(SRC, "Synthetic vetting benchmark", "BESA", "benchmark (synthetic, no real persons)"));
        int persons = n / 4, phones = n / 4, groups = Math.max(10, n / 5_000), members = groups * 25;
        Instant year = LocalDate.of(2025, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

        for (int i = 0; i < phones; i++) add("bph-" + i, EntityType.Phone, "number", "+35569" + (1_000_000 + i));
        for (int i = 0; i < persons; i++) {
            add("bp-" + i, EntityType.Person, "name", "Person " + i);
            add("bu-" + i, EntityType.Uses, "subject", "bp-" + i, "object", "bph-" + (OFFICERS + i % (phones - OFFICERS)));
        }
        for (int i = 0; i < n / 20; i++) {
            add("bd-" + i, EntityType.Device, "imei", Imeis.withCheckDigit("35" + (100_000_000_000L + i)));
            add("bv-" + i, EntityType.Vehicle, "plate", "AA" + (100_000 + i));
            add("bo-" + i, EntityType.Ownership, "subject", "bp-" + r.nextInt(persons), "object", "bv-" + i);
        }
        for (int i = 0; i < n * 3 / 20; i++) { // calls between phones outside the officers' range
            add("bc-" + i, EntityType.Communication, "subject", "bph-" + (OFFICERS + r.nextInt(phones - OFFICERS)), "object",
                    "bph-" + (OFFICERS + r.nextInt(phones - OFFICERS)), "count", Integer.toString(1 + r.nextInt(40)));
        }
        for (int g = 0; g < groups; g++) add("bg-" + g, EntityType.Organization, "name", "Group " + g);
        for (int m = 0; m < members; m++) add("bm-" + m, EntityType.Membership, "subject", "bp-" + m * 7, "object", "bg-" + m % groups);
        // Officer phones 0..2699 are in intelligence: random calls, 60 planted near members.
        int inIntel = OFFICERS / 5;
        for (int i = 0; i < inIntel; i++) {
            if (i < PLANTED_NET / 2) { // 2 hops: calls a member's phone
                add("bpc-" + i, EntityType.Communication, "subject", "bph-" + i, "object", "bph-" + (OFFICERS + (i * 7) % (phones - OFFICERS)), "count", "5");
            } else if (i < PLANTED_NET) { // 1 hop: a member uses it
                add("bpu-" + i, EntityType.Uses, "subject", "bp-" + (i * 7), "object", "bph-" + i);
            } else {
                add("brc-" + i, EntityType.Communication, "subject", "bph-" + i, "object", "bph-" + (OFFICERS + r.nextInt(phones - OFFICERS)));
            }
        }
        // Location events: cryptophones and officer phones, random over Albania and 2025; 20 cryptophones planted on officer phones.
        for (int c = 0; c < CRYPTOS; c++) {
            add("bk-" + c, EntityType.Account, "handle", "sky" + c, "service", "Sky ECC");
            for (int e = 0; e < CRYPTO_EVENTS; e++) {
                double[] at = somewhere();
                event("bke-" + c + "-" + e, "bk-" + c, year.plusSeconds(r.nextInt(365 * 86_400)), at[0], at[1]);
            }
        }
        for (int i = 0; i < inIntel; i++) {
            for (int e = 0; e < 5; e++) {
                double[] at = somewhere();
                Instant when = year.plusSeconds(r.nextInt(365 * 86_400));
                event("boe-" + i + "-" + e, "bph-" + i, when, at[0], at[1]);
                if (i < PLANTED_COLO && e < 4) event("bpe-" + i + "-" + e, "bk-" + i, when.plusSeconds(300), at[0] + 0.001, at[1]);
            }
        }
        flush();
        for (String t : List.of("entity", "statement", "edge", "search_key")) jdbc.sql("analyze " + t).update();
        long entities = jdbc.sql("select count(*) from entity").query(Long.class).single();
        System.out.printf("BENCH data: %,d entities in the database (%,d written here) in %.1f s%n", entities, written, (System.nanoTime() - t0) / 1e9);

        List<Officer> officers = officers(inIntel);
        ReadScope h2 = ReadScope.user("bench-vetter", 2, List.of(), List.of(), new long[0], true, false, null);
        for (int run = 1; run <= 2; run++) {
            int[] found = new int[1];
            timed("network full, system scope, run " + run, () -> vetting.system(s -> {
                network.screen(new ScreeningContext(officers, s, jdbc), f -> found[0]++);
                return null;
            }), found);
            assertThat(found[0]).isGreaterThanOrEqualTo(PLANTED_NET);
            int[] foundH2 = new int[1];
            timed("network full, H2 user scope, run " + run, () -> vetting.system(s -> {
                network.screen(new ScreeningContext(officers, h2, jdbc), f -> foundH2[0]++);
                return null;
            }), foundH2);
            int[] colo = new int[1];
            timed("co-location full, system scope, run " + run, () -> vetting.system(s -> {
                colocation.screen(new ScreeningContext(officers, s, jdbc), f -> colo[0]++);
                return null;
            }), colo);
            assertThat(colo[0]).isGreaterThanOrEqualTo(PLANTED_COLO);
        }
        // One new record each: a call from an officer's phone to a member's phone, and a cryptophone event.
        add("bnew-c", EntityType.Communication, "subject", "bph-" + (inIntel - 1), "object", "bph-" + (OFFICERS + 7 * 100 % (phones - OFFICERS)));
        event("bnew-e", "bk-0", year.plusSeconds(3_600), 41.3, 19.8);
        flush();
        for (int run = 1; run <= 2; run++) {
            int[] inc = new int[1];
            timed("network screenChanged(1 new call), run " + run, () -> vetting.system(s -> {
                network.screenChanged(new ScreeningContext(officers, s, jdbc), Set.of("bnew-c"), f -> inc[0]++);
                return null;
            }), inc);
            int[] incColo = new int[1];
            timed("co-location screenChanged(1 new event), run " + run, () -> vetting.system(s -> {
                colocation.screenChanged(new ScreeningContext(officers, s, jdbc), Set.of("bnew-e"), f -> incColo[0]++);
                return null;
            }), incColo);
        }
    }

    private List<Officer> officers(int inIntel) {
        List<Officer> out = new ArrayList<>(OFFICERS);
        Instant year = LocalDate.of(2025, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        double[][] stations = new double[STATIONS][];
        for (int s = 0; s < STATIONS; s++) stations[s] = somewhere();
        for (int i = 0; i < OFFICERS; i++) {
            String number = i < inIntel ? "+35569" + (1_000_000 + i) : "+35567" + (1_000_000 + i);
            List<Officer.Identifier> ids = List.of(new Officer.Identifier(Officer.IdentifierKind.PHONE, number, number, Officer.Origin.ISSUED),
                    new Officer.Identifier(Officer.IdentifierKind.IMEI, Imeis.withCheckDigit("86" + (100_000_000_000L + i)), "x", Officer.Origin.ISSUED));
            List<Officer.Duty> duties = new ArrayList<>();
            double[] st = stations[i % STATIONS];
            for (int d = 0; d < SHIFTS; d++) {
                Instant from = year.plusSeconds(86_400L * r.nextInt(365) + 3_600L * 8 * r.nextInt(3));
                duties.add(new Officer.Duty(from, from.plusSeconds(8 * 3_600), "Unit", "Station " + i % STATIONS, st[0], st[1]));
            }
            out.add(new Officer("B" + i, "Officer", null, "Bench" + i, "1980", "Unit", "Rank", true, ids, duties, List.of()));
        }
        return out;
    }

    private double[] somewhere() {
        return new double[] {39.8 + r.nextDouble() * 2.8, 19.3 + r.nextDouble() * 1.6};
    }

    private void event(String id, String subject, Instant at, double lat, double lon) {
        add(id, EntityType.LocatedAt, "subject", subject, "object", "bplace-" + (seq++ % 200), "time", at.toString(),
                "latitude", Double.toString(lat), "longitude", Double.toString(lon));
    }

    private void add(String id, EntityType type, String... pv) {
        List<Statement> s = new ArrayList<>(pv.length / 2);
        for (int i = 0; i < pv.length; i += 2) s.add(new Statement(id, pv[i], type.propertyType(pv[i]).orElseThrow().clean(pv[i + 1]), pv[i + 1], p));
        batch.add(new EntityRecord(id, type, s));
        if (batch.size() >= 20_000) flush();
    }

    private void flush() {
        if (batch.isEmpty()) return;
        if (!placesMade) {
            placesMade = true;
            for (int i = 0; i < 200; i++) batch.add(new EntityRecord("bplace-" + i, EntityType.Address,
                    List.of(new Statement("bplace-" + i, "full", "Rruga " + i, "Rruga " + i, p))));
        }
        store.save(List.copyOf(batch));
        written += batch.size();
        batch.clear();
    }

    private boolean placesMade;

    private static void timed(String what, Runnable work, int[] found) {
        long t = System.nanoTime();
        work.run();
        System.out.printf("BENCH %s: %.0f ms, %d findings%n", what, (System.nanoTime() - t) / 1e6, found[0]);
    }
}
