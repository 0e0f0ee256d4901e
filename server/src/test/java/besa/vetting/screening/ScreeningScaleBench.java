package besa.vetting.screening;

import static besa.vetting.screening.ScreeningFixtures.ftm;
import static org.assertj.core.api.Assertions.assertThat;

import besa.intel.ingest.Ingestion;
import besa.intel.model.EntityType;
import besa.intel.model.Grading;
import besa.intel.model.Handling;
import besa.intel.model.Provenance;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.intel.store.IntelStore;
import besa.intel.store.Source;
import besa.match.normalize.Imeis;
import besa.match.synth.SyntheticPeople;
import besa.vetting.VettingAccess;
import besa.vetting.personnel.PersonnelRegister;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Not a test: a measurement, run only on request, that prints the full-run time and the incremental
 * latency on generated data (officers × intelligence entities, default 13,500 × 100,000):
 * {@code ./mvnw -B -q -o -pl server verify -Dtest=ScreeningScaleBench -Dbesa.bench.screening=true
 * [-Dbesa.bench.officers=13500 -Dbesa.bench.entities=100000] -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true}.
 * It asserts only that the planted hits were found, never a time.
 */
@SpringBootTest
@AutoConfigureMockMvc
@EnabledIfSystemProperty(named = "besa.bench.screening", matches = "true")
class ScreeningScaleBench {
    @Autowired IntelStore store;
    @Autowired Ingestion ingestion;
    @Autowired PersonnelRegister register;
    @Autowired VettingAccess access;
    @Autowired JdbcClient jdbc;
    @Autowired JdbcTemplate template;
    @Autowired ScreeningService screening;


    @Test
    void measure() {
        int officers = Integer.getInteger("besa.bench.officers", 13_500);
        int entities = Integer.getInteger("besa.bench.entities", 100_000);
        long t0 = System.nanoTime();
        List<SyntheticPeople.Person> staff = officers(officers);
        long t1 = System.nanoTime();
        int planted = intelligence(entities, staff);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "bench data: %d officers in %.1f s, %d entities (%d planted hits) in %.1f s%n", officers, (t1 - t0) / 1e9,
                entities, planted, (t2 - t1) / 1e9);
        jdbc.sql("analyze").update();

        for (int run = 1; run <= 2; run++) {
            Screening.RunReport r = screening.runFull("bench");
            System.out.printf(Locale.ROOT, "screening full run %d: %d officers × %d entities: %d findings, %d alerts new, in %.1f s%n", run, r.officers(),
                    r.entities(), r.findings(), r.alertsCreated(), r.took().toMillis() / 1000.0);
            assertThat(r.findings()).isGreaterThanOrEqualTo(planted / 2);
        }
        System.out.println("screening factors by kind: " + access.system(s -> jdbc.sql(
                "select string_agg(kind || '=' || n, ', ') from (select kind, count(*) n from vetting_factor where active group by kind) x")
                .query(String.class).single()));

        // Incremental latency: one new record through the real ingestion, from its commit to the alert.
        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SyntheticPeople.Person p = staff.get(7 + i * 101);
            String officer = "bo-" + (7 + i * 101);
            String id = "lat-" + i + "-" + System.nanoTime();
            String key = "IDENTIFIER:PHONE:" + p.phone() + ":" + id;
            new ScreeningFixtures(ingestion, register, access, jdbc).importFtm(ftm(id, "besa:Phone", Map.of("number", "00" + p.phone().substring(1))));
            long start = System.nanoTime();
            ScreeningIncrementalTest.await(() -> access.system(s -> jdbc.sql("""
                    select count(*) from vetting_factor f join vetting_alert a on a.id = f.alert_id where a.officer_id = ? and f.key = ?""")
                    .params(officer, key).query(Long.class).single()) > 0, Duration.ofSeconds(60));
            ms.add((System.nanoTime() - start) / 1_000_000);
        }
        System.out.println("screening incremental latency (commit of one record → alert), 5 runs, ms: " + ms);
    }

    private List<SyntheticPeople.Person> officers(int n) {
        SyntheticPeople people = new SyntheticPeople(11);
        SplittableRandom rnd = new SplittableRandom(3);
        List<SyntheticPeople.Person> out = new ArrayList<>(n);
        List<Object[]> o = new ArrayList<>(), ids = new ArrayList<>(), decl = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SyntheticPeople.Person p = people.person(null);
            out.add(p);
            String id = "bo-" + i;
            o.add(new Object[] {id, p.given(), p.father(), p.surname(), p.dob()});
            ids.add(new Object[] {id, "PHONE", p.phone(), p.phone(), "ISSUED"});
            ids.add(new Object[] {id, "IMEI", p.imei(), p.imei(), "ISSUED"});
            ids.add(new Object[] {id, "VEHICLE", plate(i), plate(i), "DECLARED"});
            if (i % 3 == 0) ids.add(new Object[] {id, "ADDRESS", address(rnd, p.city()), "", "HR"});
            if (i % 10 == 0) decl.add(new Object[] {id, java.sql.Date.valueOf("2024-01-15"), "Sky ECC?", "No", false});
        }
        template.batchUpdate("insert into officer (id, given_name, father_name, surname, birth_date, unit, rank) values (?, ?, ?, ?, ?, 'Bench', 'Inspector')", o);
        template.batchUpdate("insert into officer_identifier (officer_id, kind, value, original, origin) values (?, ?, ?, ?, ?) on conflict do nothing", ids);
        template.batchUpdate("insert into officer_declaration (officer_id, declared_on, question, answer, cryptophone_use) values (?, ?, ?, ?, ?)", decl);
        return out;
    }

    static final String[] CITIES = {"Tiranë", "Durrës", "Shkodër", "Elbasan", "Vlorë", "Korçë", "Fier", "Berat", "Lushnjë", "Kavajë"};

    private static String plate(int i) {
        return String.format(Locale.ROOT, "AB%05dC", i);
    }

    private static String address(SplittableRandom rnd, String city) {
        String[] streets = {"Myslym Shyri", "Dibrës", "Kavajës", "Durrësit", "Elbasanit", "Barrikadave", "Sami Frashëri", "Ismail Qemali", "Kongresi i Lushnjës"};
        return "Rruga " + streets[rnd.nextInt(streets.length)] + " " + (1 + rnd.nextInt(999)) + ", " + city;
    }

    /** Entities of every kind; every 1,000th carries an officer's phone, every 1,000th+500 is an officer written in another script. */
    private int intelligence(int n, List<SyntheticPeople.Person> staff) {
        String src = "scr-bench";
        store.saveSource(new Source(src, "Screening bench", "BESA", "benchmark (synthetic)"));
        Provenance pv = new Provenance(src, null, "BESA", "benchmark", null, null, Grading.parse("C3"), Handling.H1, null);
        SyntheticPeople people = new SyntheticPeople(12);
        SplittableRandom rnd = new SplittableRandom(5);
        List<EntityRecord> batch = new ArrayList<>();
        int planted = 0;
        for (int i = 0; i < 100; i++) batch.add(rec("org-" + i, EntityType.Organization, pv, "name", "Grupi " + i));
        for (int i = 0; i < n; i++) {
            String id = "e-" + i;
            if (i % 1000 == 0) {
                batch.add(rec(id, EntityType.Phone, pv, "number", staff.get((i / 1000 * 97) % staff.size()).phone()));
                planted++;
            } else if (i % 1000 == 500) {
                SyntheticPeople.Person o = staff.get((i / 1000 * 89 + 13) % staff.size());
                batch.add(rec(id, EntityType.Person, pv, "name", (o.surname().toUpperCase(Locale.ROOT) + " " + o.given()), "fatherName", o.father(),
                        "birthDate", String.format(Locale.ROOT, "%02d.%02d.%04d", o.day(), o.month(), o.year())));
                planted++;
            } else {
                switch (i % 20) {
                    case 0, 1, 2, 3, 4, 5 -> {
                        SyntheticPeople.Person p = people.person(null);
                        batch.add(rec(id, EntityType.Person, pv, "name", p.given() + " " + p.surname(), "fatherName", p.father(), "birthDate", p.dob()));
                    }
                    case 6, 7, 8, 9 -> batch.add(rec(id, EntityType.Phone, pv, "number", String.format(Locale.ROOT, "+35566%07d", rnd.nextInt(10_000_000))));
                    case 10, 11 -> batch.add(rec(id, EntityType.Device, pv, "imei",
                            Imeis.withCheckDigit(String.format(Locale.ROOT, "86%06d%06d", rnd.nextInt(1_000_000), rnd.nextInt(1_000_000)))));
                    case 12, 13 -> batch.add(rec(id, EntityType.Vehicle, pv, "plate", String.format(Locale.ROOT, "ZZ%05dX", rnd.nextInt(100_000))));
                    case 14, 15 -> batch.add(rec(id, EntityType.Address, pv, "full", address(rnd, CITIES[rnd.nextInt(CITIES.length)])));
                    case 16 -> batch.add(rec(id, EntityType.Account, pv, "handle", "h" + i, "service", rnd.nextInt(10) == 0 ? "Sky ECC" : "Signal"));
                    case 17 -> batch.add(rec(id, EntityType.Uses, pv, "subject", "e-" + (i - 17 + rnd.nextInt(6)), "object", "e-" + (i - 11 + rnd.nextInt(4))));
                    case 18 -> batch.add(rec(id, EntityType.Communication, pv, "subject", "e-" + (i - 12), "object", "e-" + (i - 11)));
                    default -> batch.add(rec(id, EntityType.Membership, pv, "subject", "e-" + (i - 19 + rnd.nextInt(6)), "object", "org-" + rnd.nextInt(100)));
                }
            }
            if (batch.size() >= 5_000) {
                store.save(batch);
                batch.clear();
            }
        }
        store.save(batch);
        return planted;
    }

    private static EntityRecord rec(String id, EntityType type, Provenance pv, String... props) {
        List<Statement> st = new ArrayList<>();
        for (int i = 0; i < props.length; i += 2) {
            String clean = type.propertyType(props[i]).orElseThrow().clean(props[i + 1]);
            st.add(new Statement(id, props[i], clean, props[i + 1], pv));
        }
        return new EntityRecord(id, type, st);
    }

}
