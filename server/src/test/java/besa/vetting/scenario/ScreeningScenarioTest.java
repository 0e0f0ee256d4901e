package besa.vetting.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import besa.intel.model.EntityType;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.match.normalize.Imeis;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.Officer.IdentifierKind;
import besa.vetting.screening.FactorKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generator alone (no database): determinism, sizes, and that the ground truth describes the data. */
class ScreeningScenarioTest {
    static final int OFFICERS = 300;
    static final long ENTITIES = 20_000;
    static ScreeningScenario scenario;
    static final List<EntityRecord> records = new ArrayList<>();
    static final Map<String, EntityRecord> byId = new HashMap<>();
    static ScreeningScenario.Summary summary;
    static Map<String, Truth> truth;
    static Map<String, Officer> officers;

    @BeforeAll
    static void generate() {
        scenario = new ScreeningScenario(ScreeningScenario.DEFAULT_SEED, OFFICERS, ENTITIES);
        summary = scenario.generate(records::add);
        records.forEach(r -> byId.put(r.id(), r));
        truth = scenario.truth().stream().collect(Collectors.toMap(Truth::officerId, Function.identity()));
        officers = scenario.officers().stream().collect(Collectors.toMap(Officer::id, Function.identity()));
    }

    static String digest(ScreeningScenario s) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        s.generate(r -> {
            StringBuilder b = new StringBuilder(r.id()).append('|').append(r.type()).append('\n');
            for (Statement st : r.statements()) b.append(st.prop()).append('=').append(st.original()).append('|').append(st.provenance()).append('\n');
            md.update(b.toString().getBytes(StandardCharsets.UTF_8));
        });
        md.update(s.officers().toString().getBytes(StandardCharsets.UTF_8));
        md.update(s.leads().toString().getBytes(StandardCharsets.UTF_8));
        md.update(s.truth().toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void sameSeedGivesTheSameScenarioAndAnotherSeedDoesNot() throws Exception {
        String first = digest(scenario);
        assertThat(digest(scenario)).as("generating twice").isEqualTo(first);
        assertThat(digest(new ScreeningScenario(ScreeningScenario.DEFAULT_SEED, OFFICERS, ENTITIES))).isEqualTo(first);
        assertThat(digest(new ScreeningScenario(ScreeningScenario.DEFAULT_SEED + 1, OFFICERS, ENTITIES))).isNotEqualTo(first);
    }

    @Test
    void holdsTheRequestedOfficersAndAboutTheRequestedEntities() {
        assertThat(scenario.officers()).hasSize(OFFICERS);
        assertThat(records).hasSize((int) summary.entities());
        assertThat(summary.entities()).isBetween(ENTITIES, ENTITIES + 400);
        assertThat(records.stream().map(EntityRecord::id).distinct().count()).as("entity ids are unique").isEqualTo(records.size());
        assertThat(scenario.officers().stream().map(Officer::id).distinct().count()).isEqualTo(OFFICERS);
        for (EntityType t : List.of(EntityType.Person, EntityType.Organization, EntityType.Phone, EntityType.Device, EntityType.Account,
                EntityType.Vehicle, EntityType.Address, EntityType.Membership, EntityType.Uses, EntityType.Communication, EntityType.LocatedAt,
                EntityType.Family)) {
            assertThat(summary.byType()).as("count of %s", t).containsKey(t);
        }
        for (EntityRecord r : records) {
            if (!r.type().isRelation()) continue;
            assertThat(byId).as("subject of %s", r.id()).containsKey(value(r, EntityType.SUBJECT));
            assertThat(byId).as("object of %s", r.id()).containsKey(value(r, EntityType.OBJECT));
        }
        for (Officer o : scenario.officers()) {
            assertThat(o.duties()).hasSize(10);
            assertThat(o.declarations()).singleElement().satisfies(d -> assertThat(d.cryptophoneUse()).isNotNull());
            assertThat(o.identifiers(IdentifierKind.PHONE)).isNotEmpty();
            assertThat(o.identifiers(IdentifierKind.IMEI)).singleElement().satisfies(i -> assertThat(Imeis.isValid(i.value())).isTrue());
        }
    }

    @Test
    void everyCategoryIsPresentAndExpectsWhatItsKindSays() {
        Map<Truth.Category, Long> sizes = scenario.truth().stream().collect(Collectors.groupingBy(Truth::category, Collectors.counting()));
        for (Truth.Category c : Truth.Category.values()) assertThat(sizes).as("officers in %s", c).containsKey(c);
        assertThat(sizes.get(Truth.Category.CLEAN)).isGreaterThan(OFFICERS / 2L);
        for (Truth t : scenario.truth()) {
            assertThat(t.expected()).isEqualTo(t.category().expected());
            if (t.category().hardNegative() || t.category() == Truth.Category.CLEAN || t.category() == Truth.Category.RESERVED) {
                assertThat(t.expected()).isEmpty();
            }
            if (t.category() != Truth.Category.CLEAN && t.category() != Truth.Category.RESERVED) {
                assertThat(t.entities()).as("entities of %s", t).isNotEmpty().allSatisfy(id -> assertThat(byId).containsKey(id));
            }
        }
        Set<FactorKind> covered = new HashSet<>();
        scenario.truth().forEach(t -> covered.addAll(t.expected()));
        assertThat(covered).containsExactlyInAnyOrderElementsOf(ScreeningQuality.SCREENING_KINDS);
    }

    /** Only planted officers' phones, IMEIs and plates appear in the intelligence, and at least some in another format. */
    @Test
    void officersIdentifiersAppearOnlyWherePlanted() {
        Map<String, String> owner = new HashMap<>();
        for (Officer o : scenario.officers()) {
            for (Officer.Identifier i : o.identifiers()) {
                String key = switch (i.kind()) {
                    case PHONE -> "P" + i.value();
                    case IMEI -> "I" + i.value().substring(0, 14);
                    case VEHICLE -> "V" + plate(i.value());
                    case ADDRESS -> "A" + i.value();
                };
                owner.put(key, o.id());
            }
        }
        Set<String> hit = new HashSet<>();
        int reformatted = 0;
        for (EntityRecord r : records) {
            for (Statement s : r.statements()) {
                String key = switch (s.prop()) {
                    case "number" -> "P" + s.value();
                    case "imei" -> "I" + s.value().substring(0, 14);
                    case "plate" -> "V" + plate(s.value());
                    case "full" -> "A" + s.value();
                    default -> null;
                };
                if (key == null || !owner.containsKey(key)) continue;
                hit.add(owner.get(key));
                if (!s.original().equals(s.value())) reformatted++;
            }
        }
        // The cryptophone categories' identifier hit is the partner's lead on his phone, not an intelligence record.
        Set<Truth.Category> byLead = Set.of(Truth.Category.DENIED_CRYPTOPHONE, Truth.Category.DECLARED_CRYPTOPHONE);
        Set<String> planted = scenario.truth().stream().filter(t -> t.expected().contains(FactorKind.IDENTIFIER))
                .filter(t -> !byLead.contains(t.category())).map(Truth::officerId).collect(Collectors.toSet());
        assertThat(hit).isEqualTo(planted);
        assertThat(reformatted).as("identifiers written otherwise than the register").isGreaterThan(planted.size() / 2);
    }

    @Test
    void ownRecordsAreTheOfficerInAnotherRenderingWithHisBirthDateAndFather() {
        Set<String> scripts = new HashSet<>();
        for (Truth t : of(Truth.Category.OWN_RECORD)) {
            Officer o = officers.get(t.officerId());
            EntityRecord p = byId.get(t.entities().getFirst());
            assertThat(p.type()).isEqualTo(EntityType.Person);
            assertThat(value(p, "birthDate")).isEqualTo(o.birthDate());
            assertThat(value(p, "fatherName")).isNotBlank();
            assertThat(memberships(p.id())).as("a member of a group").isNotEmpty();
            String first = value(p, "firstName");
            scripts.add(first.codePoints().anyMatch(c -> c >= 0x400 && c < 0x500) ? "cyrillic"
                    : first.codePoints().anyMatch(c -> c >= 0x370 && c < 0x400) ? "greek" : "latin");
        }
        assertThat(scripts).contains("cyrillic", "greek", "latin");
    }

    @Test
    void namesakesAndSiblingsAreOtherPeople() {
        for (Truth t : of(Truth.Category.NAMESAKE)) {
            Officer o = officers.get(t.officerId());
            EntityRecord p = byId.get(t.entities().getFirst());
            assertThat(value(p, "firstName")).isEqualTo(o.givenName());
            assertThat(value(p, "lastName")).isEqualTo(o.surname());
            assertThat(value(p, "fatherName")).isNotEqualTo(o.fatherName());
            assertThat(Math.abs(Integer.parseInt(value(p, "birthDate").substring(0, 4)) - Integer.parseInt(o.birthDate().substring(0, 4))))
                    .isGreaterThanOrEqualTo(3);
        }
        for (Truth t : of(Truth.Category.SIBLING)) {
            Officer o = officers.get(t.officerId());
            EntityRecord p = byId.get(t.entities().getFirst());
            assertThat(value(p, "lastName")).isEqualTo(o.surname());
            assertThat(value(p, "fatherName")).isEqualTo(o.fatherName());
            assertThat(value(p, "firstName")).isNotEqualTo(o.givenName());
            assertThat(value(p, "birthDate")).isNotEqualTo(o.birthDate());
        }
    }

    /** Co-located: every event within 250 m of his post during a shift; same town: kilometres away. */
    @Test
    void cryptophoneEventsCoincideWithDutyOnlyForTheColocated() {
        for (Truth.Category c : List.of(Truth.Category.COLOCATED, Truth.Category.SAME_TOWN)) {
            for (Truth t : of(c)) {
                Officer o = officers.get(t.officerId());
                List<EntityRecord> events = t.entities().stream().map(byId::get).filter(r -> r.type() == EntityType.LocatedAt).toList();
                assertThat(events).hasSize(5);
                for (EntityRecord e : events) {
                    double lat = Double.parseDouble(value(e, "latitude")), lon = Double.parseDouble(value(e, "longitude"));
                    double nearest = o.duties().stream().mapToDouble(d -> metres(lat, lon, d.latitude(), d.longitude())).min().orElseThrow();
                    boolean onDutyDay = o.duties().stream().anyMatch(d -> d.startsAt().atZone(ZoneId.of("Europe/Tirane")).toLocalDate().toString()
                            .equals(value(e, "date")) || d.endsAt().atZone(ZoneId.of("Europe/Tirane")).toLocalDate().toString().equals(value(e, "date")));
                    assertThat(onDutyDay).as("event %s on a duty day of %s", e.id(), o.id()).isTrue();
                    if (c == Truth.Category.COLOCATED) assertThat(nearest).isLessThan(250);
                    else assertThat(nearest).isGreaterThan(2_000);
                }
            }
        }
    }

    @Test
    void leadsNameTheDeniersAndTheDeclarersCryptophonesAndSomeNobody() {
        Set<String> officerPhones = new HashSet<>();
        scenario.officers().forEach(o -> o.identifiers(IdentifierKind.PHONE).forEach(i -> officerPhones.add(i.value())));
        for (Truth.Category c : List.of(Truth.Category.DENIED_CRYPTOPHONE, Truth.Category.DECLARED_CRYPTOPHONE)) {
            for (Truth t : of(c)) {
                Officer o = officers.get(t.officerId());
                assertThat(o.declarations().getFirst().cryptophoneUse()).isEqualTo(c == Truth.Category.DECLARED_CRYPTOPHONE);
                String account = t.entities().getFirst();
                assertThat(byId.get(account).type()).isEqualTo(EntityType.Account);
                List<ScenarioLead> rows = scenario.leads().stream().filter(l -> account.equals(l.entityId())).toList();
                assertThat(rows).extracting(ScenarioLead::kind).contains("ACCOUNT", "PIN");
                String ref = rows.getFirst().reference();
                assertThat(scenario.leads()).filteredOn(l -> l.reference().equals(ref) && l.kind().equals("PHONE"))
                        .singleElement().satisfies(l -> assertThat(o.identifiers(IdentifierKind.PHONE)).extracting(Officer.Identifier::value).contains(l.value()));
            }
        }
        assertThat(scenario.leads()).filteredOn(l -> l.reference().endsWith("/S") && l.kind().equals("PHONE")).isNotEmpty()
                .allSatisfy(l -> assertThat(officerPhones).doesNotContain(l.value()));
        // Everyone else denied cryptophone use, so only a lead can contradict him.
        assertThat(scenario.officers()).filteredOn(o -> truth.get(o.id()).category() != Truth.Category.DECLARED_CRYPTOPHONE)
                .allSatisfy(o -> assertThat(o.declarations().getFirst().cryptophoneUse()).isFalse());
    }

    @Test
    void twoHopsReachAMemberAndThreeHopsDoNot() {
        for (Truth t : of(Truth.Category.TWO_HOPS)) {
            assertThat(byId.get(t.entities().get(0)).type()).isEqualTo(EntityType.Phone);
            assertThat(memberships(t.entities().get(2))).isNotEmpty();
        }
        for (Truth t : of(Truth.Category.THREE_HOPS)) assertThat(memberships(t.entities().get(2))).as("the relative is no member").isEmpty();
    }

    @Test
    void scoringCountsPerKindAndAlertAndHardNegatives() {
        List<Truth> ts = List.of(new Truth("a", Truth.Category.SHARED_PHONE, Truth.Category.SHARED_PHONE.expected(), List.of("x")),
                new Truth("b", Truth.Category.OWN_RECORD, Truth.Category.OWN_RECORD.expected(), List.of("y")),
                new Truth("c", Truth.Category.NAMESAKE, Set.of(), List.of("z")), new Truth("d", Truth.Category.CLEAN, Set.of(), List.of()));
        Map<String, Map<FactorKind, Double>> found = Map.of("a", new EnumMap<>(Map.of(FactorKind.IDENTIFIER, 0.9)),
                "c", new EnumMap<>(Map.of(FactorKind.PERSON, 0.3)));
        ScreeningQuality.Report r = ScreeningQuality.score(ts, found);
        assertThat(r.byKind().get(FactorKind.IDENTIFIER)).isEqualTo(new ScreeningQuality.Score(1, 0, 0));
        assertThat(r.byKind().get(FactorKind.NETWORK)).isEqualTo(new ScreeningQuality.Score(0, 0, 1));
        assertThat(r.byKind().get(FactorKind.PERSON)).isEqualTo(new ScreeningQuality.Score(0, 1, 1));
        assertThat(r.alerts()).isEqualTo(new ScreeningQuality.Score(1, 1, 1));
        assertThat(r.fired().get(Truth.Category.NAMESAKE)).containsEntry(FactorKind.PERSON, 1);
        assertThat(r.maxWeight(Truth.Category.NAMESAKE, FactorKind.PERSON)).isEqualTo(0.3);
        assertThat(r.missed()).containsEntry(Truth.Category.SHARED_PHONE, 1).containsEntry(Truth.Category.OWN_RECORD, 1);
        assertThat(r.lines()).anyMatch(l -> l.startsWith("ALERT"));
    }

    static List<Truth> of(Truth.Category c) {
        List<Truth> out = scenario.truth().stream().filter(t -> t.category() == c).toList();
        assertThat(out).as("officers in %s", c).isNotEmpty();
        return out;
    }

    static List<EntityRecord> memberships(String personId) {
        return records.stream().filter(r -> r.type() == EntityType.Membership && personId.equals(value(r, EntityType.SUBJECT))).toList();
    }

    static String value(EntityRecord r, String prop) {
        return r.statements().stream().filter(s -> s.prop().equals(prop)).map(Statement::value).findFirst().orElse(null);
    }

    static String plate(String v) {
        return v.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }

    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1), dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 6_371_000 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }
}
