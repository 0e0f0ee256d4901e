package besa.vetting.screening;

import static org.assertj.core.api.Assertions.assertThat;

import besa.intel.store.IntelStore;
import besa.vetting.VettingAccess;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.PersonnelRegister;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Co-location on a small pattern of life: a Sky ECC account's location events against officers' phone
 * events and duty postings. Dates and coordinates are shifted per run (the test database is shared),
 * so no other run's events coincide with these.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ColocationDetectorTest {
    private static final ZoneId TIRANA = ZoneId.of("Europe/Tirane");

    @Autowired IntelStore store;
    @Autowired PersonnelRegister register;
    @Autowired VettingAccess vetting;
    @Autowired JdbcClient jdbc;
    @Autowired ColocationDetector detector;

    ScreeningIntelFixture f;
    LocalDate day0;
    double lat0, lon0;
    String sky, ghost, encro, cafe, station;
    String e1, e2, e3, o1a, o1b, o1c;
    Officer attributed, twice, oneDay, tooFar, onDuty, later, moved;
    String laterPlace, anom, movedPhone;

    @BeforeAll
    void patternOfLife() {
        f = new ScreeningIntelFixture(store);
        Random r = new Random(f.run.hashCode());
        day0 = LocalDate.of(2015, 1, 1).plusDays(r.nextInt(3650));
        lat0 = 40.0 + r.nextDouble() * 1.5;
        lon0 = 19.5 + r.nextDouble();
        cafe = f.place("Kafe Flora " + f.run);
        station = f.place("Komisariati nr. 1 " + f.run);
        String elsewhere = f.place("Rruga e Durrësit " + f.run);

        // The cryptophone's events: day 0 10:00 at the café, day 0 18:00 far west, day 1 09:00 elsewhere, day 1 22:00 at the café,
        // and day 0 14:00 at the station.
        sky = f.account("shqiponja" + f.run, "Sky ECC");
        e1 = event(sky, cafe, 0, "10:00", 1500, 800);
        e2 = event(sky, elsewhere, 0, "18:00", -20000, -30000);
        e3 = event(sky, elsewhere, 1, "09:00", 3000, -2000);
        event(sky, cafe, 1, "22:00", 1500, 800);
        event(sky, station, 0, "14:00", 0, 0);

        // His phone was there three times on two days (and once 2 km away from the fourth).
        String n1 = f.number(), p1 = f.phone(n1);
        o1a = event(p1, cafe, 0, "10:10", 1600, 850);
        o1b = event(p1, null, 0, "17:55", -20000, -29800);
        o1c = event(p1, null, 1, "09:15", 2850, -2000);
        event(p1, null, 1, "22:00", 3500, 800);
        attributed = f.officer("Agron", List.of(n1), List.of());

        // Twice only.
        String n2 = f.number(), p2 = f.phone(n2);
        event(p2, null, 0, "10:05", 1500, 800);
        event(p2, null, 1, "09:05", 3000, -2000);
        twice = f.officer("Bujar", List.of(n2), List.of());

        // Three times, one day.
        String n3 = f.number(), p3 = f.phone(n3);
        event(p3, null, 0, "10:00", 1500, 800);
        event(p3, null, 0, "14:10", 0, 0);
        event(p3, null, 0, "18:10", -20000, -30000);
        oneDay = f.officer("Çlirim", List.of(n3), List.of());

        // Two real coincidences, one 2 hours late and one 2 km off: not three.
        String n4 = f.number(), p4 = f.phone(n4);
        event(p4, null, 0, "10:05", 1500, 800);
        event(p4, null, 1, "22:05", 1500, 800);
        event(p4, null, 0, "20:00", -20000, -30000);
        event(p4, null, 1, "09:00", 3000, 0);
        tooFar = f.officer("Dashamir", List.of(n4), List.of());

        // A lead names this account as Sky ECC (the record itself says nothing of its service); it was at the
        // station during one officer's shifts on three days, and once at night off duty.
        ghost = f.account("ghost" + f.run, "Wickr");
        event(ghost, station, 5, "08:30", 30, 0);
        event(ghost, station, 6, "13:00", 0, 40);
        event(ghost, station, 7, "19:45", -20, 0);
        event(ghost, station, 8, "03:00", 0, 0);
        onDuty = f.officer("Erion", List.of(), List.of(
                shift(5, "07:00", "15:00"), shift(6, "07:00", "15:00"), shift(7, "12:00", "20:00"), shift(8, "07:00", "15:00")));

        // EncroChat, twice with the later officer so far.
        encro = f.account("encro" + f.run, "EncroChat");
        String n6 = f.number(), p6 = f.phone(n6);
        laterPlace = f.place("Sheshi " + f.run);
        event(encro, laterPlace, 10, "10:00", 8000, 8000);
        event(encro, laterPlace, 11, "10:00", 8000, 8000);
        event(p6, null, 10, "10:05", 8000, 8000);
        event(p6, null, 11, "10:05", 8000, 8000);
        event(p6, null, 11, "15:00", 9000, 9000);
        later = f.officer("Fatos", List.of(n6), List.of());

        // ANOM: three events on two days; the officer's phone was at two of them so far.
        anom = f.account("anom" + f.run, "ANOM");
        event(anom, null, 20, "10:00", -8000, 8000);
        event(anom, null, 20, "16:00", -8000, 9000);
        event(anom, null, 21, "10:00", -8000, 8000);
        String n7 = f.number();
        movedPhone = f.phone(n7);
        event(movedPhone, null, 20, "10:05", -8000, 8000);
        event(movedPhone, null, 20, "16:05", -8000, 9000);
        moved = f.officer("Genc", List.of(n7), List.of());
        f.save(store);

        vetting.system(scope -> {
            for (Officer o : List.of(attributed, twice, oneDay, tooFar, onDuty, later, moved)) register.save(o);
            jdbc.sql("""
                    insert into lead (reference, originator, legal_basis, handling, platform, kind, value, original, attribution, imported_by)
                    values (?, 'EUROPOL', 'Europol Regulation art. 18', 2, 'SKY_ECC', 'ACCOUNT', ?, ?, 'handle in a seized contact list', 'test')""")
                    .params("lead-" + f.run, "ghost" + f.run, "ghost" + f.run).update();
            return null;
        });
    }

    private String event(String subject, String place, int day, String time, double northMetres, double eastMetres) {
        double lat = lat0 + northMetres / 111_195.0, lon = lon0 + eastMetres / (111_195.0 * Math.cos(Math.toRadians(lat0)));
        String local = day0.plusDays(day) + "T" + time; // Tirana local time, cleaned by DATETIME to UTC
        return f.locatedAt(subject, place == null ? f.place("Vendndodhje " + f.run + " " + day + time) : place, local, lat, lon);
    }

    private Officer.Duty shift(int day, String from, String to) {
        LocalDate d = day0.plusDays(day);
        return ScreeningIntelFixture.duty("Komisariati nr. 1", LocalDateTime.of(d, LocalTime.parse(from)).atZone(TIRANA).toInstant(),
                LocalDateTime.of(d, LocalTime.parse(to)).atZone(TIRANA).toInstant(), lat0, lon0);
    }

    private List<Finding> screen(Officer... officers) {
        return vetting.system(scope -> {
            List<Finding> out = new ArrayList<>();
            detector.screen(new ScreeningContext(register.find(Arrays.stream(officers).map(Officer::id).toList()), scope, jdbc), out::add);
            return out;
        });
    }

    private List<Finding> screenChanged(Set<String> changed, Officer... officers) {
        return vetting.system(scope -> {
            List<Finding> out = new ArrayList<>();
            detector.screenChanged(new ScreeningContext(register.find(Arrays.stream(officers).map(Officer::id).toList()), scope, jdbc), changed,
                    out::add);
            return out;
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(Finding finding) {
        return (List<Map<String, Object>>) finding.evidence().get("events");
    }

    @Test
    void defaults() {
        assertThat(detector.settings().maxMinutes()).isEqualTo(20);
        assertThat(detector.settings().maxMetres()).isEqualTo(500);
        assertThat(detector.settings().minCoincidences()).isEqualTo(3);
        assertThat(detector.settings().minDays()).isEqualTo(2);
    }

    @Test
    void threeCoincidencesOnTwoDaysAttributeTheCryptophoneWithTheEventsListed() {
        assertThat(screen(attributed)).singleElement().satisfies(fd -> {
            assertThat(fd.kind()).isEqualTo(FactorKind.COLOCATION);
            assertThat(fd.key()).isEqualTo("COLOCATION:" + sky);
            assertThat(fd.evidence().get("account")).isEqualTo(sky);
            assertThat(fd.evidence()).containsEntry("coincidences", 3).containsEntry("days", 2).containsEntry("places", 3);
            List<Map<String, Object>> ev = events(fd);
            assertThat(ev).extracting(e -> e.get("crypto")).containsExactly(e1, e2, e3);
            assertThat(ev).extracting(e -> e.get("officer")).containsExactly(o1a, o1b, o1c);
            assertThat(ev).extracting(e -> e.get("minutes")).containsExactly(10L, 5L, 15L);
            assertThat(ev.getFirst().get("at")).isEqualTo(LocalDateTime.of(day0, LocalTime.of(10, 0)).atZone(TIRANA).toInstant().toString());
            assertThat(ev.getFirst().get("place")).isEqualTo("Kafe Flora " + f.run);
            assertThat((Long) ev.get(0).get("metres")).isBetween(100L, 125L); // 100 m north, 50 m east
            assertThat((Long) ev.get(1).get("metres")).isBetween(190L, 210L);
            assertThat((Long) ev.get(2).get("metres")).isBetween(140L, 160L);
            assertThat((double) ev.getFirst().get("lat")).isGreaterThan(lat0);
            assertThat((List<String>) fd.evidence().get("entities")).contains(sky, e1, e2, e3, o1a);
            assertThat(fd.summarySq()).startsWith("Kriptotelefoni Sky ECC shqiponja" + f.run).contains("3 herë në 2 ditë", "3 herë me telefonin e tij");
            assertThat(fd.summaryEn()).startsWith("The cryptophone Sky ECC shqiponja" + f.run).contains("3 times on 2 different days", "at 3 places");
        });
    }

    @Test
    void twoCoincidencesOrOneDayAreNotEnough() {
        assertThat(screen(twice)).isEmpty();
        assertThat(screen(oneDay)).isEmpty();
    }

    @Test
    void eventsTwoKilometresOrTwoHoursApartDoNotCount() {
        assertThat(screen(tooFar)).isEmpty();
    }

    @Test
    void dutyPostingsCountAndOnePlaceWeighsLess() {
        Finding duty = screen(onDuty).getFirst();
        assertThat(duty.evidence().get("account")).as("named by a lead").isEqualTo(ghost);
        assertThat(events(duty)).hasSize(3).allSatisfy(e -> {
            assertThat(e.get("officer")).isEqualTo("duty");
            assertThat(e.get("minutes")).isEqualTo(0L);
            assertThat(e.get("place")).isEqualTo("Komisariati nr. 1 " + f.run);
        });
        assertThat(duty.evidence()).containsEntry("days", 3).containsEntry("places", 1);
        assertThat(duty.summaryEn()).contains("3 times during his duty").contains("SKY_ECC");
        assertThat(duty.weight()).isLessThan(screen(attributed).getFirst().weight());
    }

    @Test
    void screenChangedReEvaluatesOnlyTheCryptophoneWhoseEventsChanged() {
        assertThat(screen(later)).isEmpty();
        String third = event(encro, laterPlace, 11, "15:10", 9000, 9050);
        String unrelated = f.person("Askush " + f.run);
        f.save(store);
        assertThat(screenChanged(Set.of(unrelated), later, attributed)).isEmpty();
        assertThat(screenChanged(Set.of(third), later, attributed)).as("not the Sky ECC finding, whose events did not change").singleElement()
                .satisfies(fd -> {
                    assertThat(fd.officerId()).isEqualTo(later.id());
                    assertThat(fd.evidence().get("account")).isEqualTo(encro);
                    assertThat(events(fd)).extracting(e -> e.get("crypto")).last().isEqualTo(third);
                });
        assertThat(screen(later)).hasSize(1);
    }

    @Test
    void screenChangedReEvaluatesTheOfficerWhosePhoneEventsChanged() {
        assertThat(screen(moved)).isEmpty();
        String third = event(movedPhone, null, 21, "09:55", -8000, 8000);
        f.save(store);
        assertThat(screenChanged(Set.of(third), moved, attributed)).singleElement().satisfies(fd -> {
            assertThat(fd.officerId()).isEqualTo(moved.id());
            assertThat(fd.evidence().get("account")).isEqualTo(anom);
            assertThat(events(fd)).extracting(e -> e.get("officer")).contains(third);
        });
    }
}
