package besa.demo;

import static org.assertj.core.api.Assertions.assertThat;

import besa.intel.model.EntityType;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.match.normalize.Imeis;
import besa.match.normalize.Phones;
import besa.vetting.scenario.ScenarioOfficer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The small scenario, generated once: determinism, shapes of identifiers, renderings and the ground truth. */
class ScenarioGeneratorTest {
    static final long SEED = ScenarioGenerator.DEFAULT_SEED;
    static ScenarioGenerator generator;
    static List<EntityRecord> records = new ArrayList<>();
    static ScenarioGenerator.Summary summary;
    static Map<String, EntityRecord> byId = new HashMap<>();

    @BeforeAll
    static void generate() {
        generator = new ScenarioGenerator(SEED, DemoSize.SMALL);
        summary = generator.generate(records::add);
        for (EntityRecord r : records) byId.put(r.id(), r);
    }

    static String digest(ScenarioGenerator g) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        g.generate(digestInto(md));
        return HexFormat.of().formatHex(md.digest());
    }

    static Consumer<EntityRecord> digestInto(MessageDigest md) {
        return r -> {
            StringBuilder b = new StringBuilder().append(r.id()).append('|').append(r.type()).append('\n');
            for (Statement s : r.statements()) {
                b.append(s.prop()).append('=').append(s.value()).append('|').append(s.original()).append('|')
                        .append(s.provenance()).append('\n');
            }
            md.update(b.toString().getBytes(StandardCharsets.UTF_8));
        };
    }

    @Test
    void sameSeedGivesIdenticalOutputAndAnotherSeedDoesNot() throws Exception {
        String first = digest(generator);
        assertThat(digest(generator)).isEqualTo(first);
        assertThat(digest(new ScenarioGenerator(SEED, DemoSize.SMALL))).isEqualTo(first);
        assertThat(digest(new ScenarioGenerator(SEED + 1, DemoSize.SMALL))).isNotEqualTo(first);
    }

    @Test
    void smallHoldsAFewThousandEntitiesOfEveryType() {
        assertThat(records).hasSize((int) summary.entities());
        assertThat(summary.entities()).isBetween(2_000L, 10_000L);
        for (EntityType t : EntityType.values()) {
            if (t == EntityType.Indicator || t == EntityType.Observable) continue; // cyber types: the scenario has no cyber crime
            assertThat(summary.byType()).as("count of %s", t).containsKey(t);
        }
        assertThat(summary.byType().get(EntityType.Person)).isGreaterThan(100L);
        assertThat(summary.byType().get(EntityType.Organization)).isGreaterThanOrEqualTo((long) DemoSize.SMALL.groups());
        assertThat(records.stream().map(EntityRecord::id).distinct().count()).as("ids are unique").isEqualTo(records.size());
        Map<EntityType, Long> counted = records.stream().collect(Collectors.groupingBy(EntityRecord::type, Collectors.counting()));
        assertThat(counted).isEqualTo(summary.byType());
    }

    @Test
    void everyRelationPointsAtEntitiesOfTheScenario() {
        for (EntityRecord r : records) {
            if (!r.type().isRelation()) continue;
            assertThat(values(r, EntityType.SUBJECT)).singleElement().satisfies(id -> assertThat(byId).containsKey(id));
            assertThat(values(r, EntityType.OBJECT)).singleElement().satisfies(id -> assertThat(byId).containsKey(id));
        }
    }

    @Test
    void everyRenderingStyleIsPresent() {
        for (NameStyle s : NameStyle.values()) assertThat(summary.byStyle()).as("names in %s", s).containsKey(s);
        List<String> names = records.stream().filter(r -> r.type() == EntityType.Person)
                .flatMap(r -> values(r, "name").stream()).toList();
        assertThat(names).anyMatch(n -> n.matches(".*\\p{IsGreek}.*"));
        assertThat(names).anyMatch(n -> n.matches(".*\\p{IsCyrillic}.*"));
        assertThat(names).anyMatch(n -> n.contains("ş") || n.contains("Ş"));
        assertThat(names).anyMatch(n -> n.contains("ë"));
        assertThat(names).anyMatch(n -> n.matches("\\p{Lu}{2,} \\p{L}+"));
        assertThat(NameStyle.ITALIAN.render("Xhafa Shehu Çela Hoxhë")).isEqualTo("Giafa Scehu Cela Hogie");
        assertThat(NameStyle.TURKISH.render("Xhafa Shehu Çela")).isEqualTo("Cafa Şehu Çela");
        assertThat(NameStyle.GREEK.render("Hoxha Dervishi")).isEqualTo("Χοτζα Ντερβισι");
        assertThat(NameStyle.SERBIAN_CYRILLIC.render("Hoxha Gjoka")).isEqualTo("Хоџа Ђока");
        assertThat(NameStyle.MACEDONIAN_CYRILLIC.render("Hoxha Gjoka")).isEqualTo("Хоџа Ѓока");
        assertThat(NameStyle.ENGLISH.render("Mërgim Çela")).isEqualTo("Mergim Cela");
    }

    @Test
    void phonesParseInEveryFormat() {
        List<String> written = statements(EntityType.Phone, "number").stream().map(Statement::original).toList();
        for (String w : written) assertThat(Phones.toE164(w)).as(w).isPresent();
        assertThat(written).anyMatch(w -> w.startsWith("+355 6")).anyMatch(w -> w.startsWith("00355"))
                .anyMatch(w -> w.startsWith("06")).anyMatch(w -> w.matches("6[789] .*")).anyMatch(w -> w.startsWith("+383"));
    }

    @Test
    void imeisAreLuhnValidAndWrittenInSeveralWays() {
        List<Statement> imeis = statements(EntityType.Device, "imei");
        for (Statement s : imeis) {
            assertThat(Imeis.isValid(s.value())).as(s.value()).isTrue();
        }
        List<String> written = imeis.stream().map(Statement::original).toList();
        assertThat(written).anyMatch(w -> w.matches("\\d{14}")).anyMatch(w -> w.contains("-")).anyMatch(w -> w.matches("\\d{15}"));
    }

    @Test
    void ibansAreAlbanianWithAValidChecksum() {
        List<Statement> ibans = statements(EntityType.BankAccount, "iban");
        assertThat(ibans).isNotEmpty();
        for (Statement s : ibans) {
            assertThat(s.value()).matches("AL\\d{10}[0-9A-Z]{16}");
            assertThat(Identifiers.mod97(s.value().substring(4) + s.value().substring(0, 4))).as(s.value()).isEqualTo(1);
        }
        assertThat(Identifiers.mod97("212110090000000235698741AL47")).isEqualTo(1); // the published example IBAN
    }

    @Test
    void cryptophoneAccountsAndPlatesLookRight() {
        assertThat(statements(EntityType.Account, "service").stream().map(Statement::value).distinct())
                .contains("Sky ECC", "EncroChat");
        assertThat(statements(EntityType.Account, "pin")).isNotEmpty();
        assertThat(statements(EntityType.Vehicle, "plate")).allSatisfy(s -> assertThat(s.value()).matches("[A-Z]{2}\\d{3}[A-Z]{2}"));
    }

    @Test
    void siblingsShareSurnameAndFathersName() {
        List<EntityRecord> family = records.stream().filter(r -> r.type() == EntityType.Family).toList();
        assertThat(family).isNotEmpty();
        for (EntityRecord f : family) {
            EntityRecord a = byId.get(values(f, EntityType.SUBJECT).getFirst()), b = byId.get(values(f, EntityType.OBJECT).getFirst());
            assertThat(values(a, "lastName")).isEqualTo(values(b, "lastName"));
            assertThat(values(a, "fatherName")).isEqualTo(values(b, "fatherName"));
        }
    }

    @Test
    void groundTruthMatchesTheData() {
        List<OfficerLink> truth = generator.groundTruth();
        assertThat(truth).extracting(OfficerLink::kind).containsAll(List.of(OfficerLink.Kind.values()));
        Map<String, ScenarioOfficer> register = generator.register().stream().collect(Collectors.toMap(ScenarioOfficer::id, o -> o));
        assertThat(register).hasSize(DemoSize.SMALL.officers());
        assertThat(new HashSet<>(generator.officerIds())).isEqualTo(register.keySet());
        for (OfficerLink l : truth) {
            ScenarioOfficer officer = register.get(l.officerId());
            EntityRecord person = byId.get(l.personId());
            assertThat(officer).isNotNull();
            assertThat(byId).as("officers are not in the intelligence").doesNotContainKey(l.officerId());
            assertThat(person).as("%s", l).isNotNull();
            assertThat(person.type()).isEqualTo(EntityType.Person);
            assertThat(byId).containsKey(l.groupId());
            switch (l.kind()) {
                case SHARED_PHONE -> {
                    assertThat(value(byId.get(l.evidenceId()), "number")).isEqualTo(officer.phones().getFirst());
                    assertThat(usesOf(l.personId())).contains(l.evidenceId());
                }
                case SHARED_IMEI -> {
                    assertThat(value(byId.get(l.evidenceId()), "imei")).isEqualTo(officer.imeis().getFirst());
                    assertThat(usesOf(l.personId())).contains(l.evidenceId());
                }
                case SIBLING -> {
                    assertThat(value(person, "lastName")).isEqualTo(officer.surname());
                    assertThat(value(person, "fatherName")).isEqualTo(officer.fatherName());
                    assertThat(value(person, "firstName")).isNotEqualTo(officer.givenName());
                }
                case NAMESAKE -> {
                    assertThat(l.involved()).isFalse();
                    assertThat(value(person, "name")).isEqualTo(officer.givenName() + " " + officer.surname());
                    assertThat(value(person, "fatherName")).isNotEqualTo(officer.fatherName());
                    assertThat(value(person, "birthDate")).isNotEqualTo(officer.birthDate());
                }
                case CRYPTO_ACCOUNT -> {
                    assertThat(byId.get(l.evidenceId()).type()).isEqualTo(EntityType.Account);
                    assertThat(personSource(person)).isEqualTo(DemoSources.EUROPOL_CRYPTO.id());
                    assertThat(value(person, "birthDate")).isEqualTo(officer.birthDate());
                    assertThat(usesOf(l.personId())).contains(l.evidenceId());
                    // Europol's lead names the account and his issued phone; he declared no cryptophone.
                    assertThat(generator.leads()).anySatisfy(lead -> assertThat(lead.entityId()).isEqualTo(l.evidenceId()));
                    assertThat(generator.leads()).anySatisfy(lead -> assertThat(lead.value()).isEqualTo(officer.phones().getFirst()));
                    assertThat(officer.cryptophoneUse()).isFalse();
                    // Its location events coincide with his duty shifts: same day, within about 150 m of his post.
                    List<EntityRecord> events = records.stream().filter(r -> r.type() == EntityType.LocatedAt
                            && values(r, EntityType.SUBJECT).contains(l.evidenceId())).toList();
                    assertThat(events).hasSize(4).allSatisfy(e -> assertThat(officer.duties()).anySatisfy(d -> {
                        assertThat(Math.abs(Double.parseDouble(value(e, "latitude")) - d.latitude())).isLessThan(0.0015);
                        assertThat(Math.abs(Double.parseDouble(value(e, "longitude")) - d.longitude())).isLessThan(0.0015);
                        assertThat(value(e, "date")).isIn(d.startsAt().atZone(java.time.ZoneId.of("Europe/Tirane")).toLocalDate().toString(),
                                d.endsAt().atZone(java.time.ZoneId.of("Europe/Tirane")).toLocalDate().toString());
                    }));
                }
            }
        }
        // Some of Europol's leads name nobody in the register.
        Set<String> officerPhones = register.values().stream().map(o -> o.phones().getFirst()).collect(Collectors.toSet());
        assertThat(generator.leads()).anySatisfy(lead -> {
            assertThat(lead.kind()).isEqualTo("ACCOUNT");
            assertThat(truth).noneMatch(l -> lead.entityId().equals(l.evidenceId()));
        });
        assertThat(generator.leads()).filteredOn(lead -> lead.kind().equals("PHONE")).allSatisfy(lead -> assertThat(officerPhones).contains(lead.value()));
        // No officer's phone or handset turns up in the intelligence unless the ground truth says so.
        Set<String> sharedPhones = new HashSet<>(), sharedImeis = new HashSet<>();
        for (OfficerLink l : truth) {
            if (l.kind() == OfficerLink.Kind.SHARED_PHONE) sharedPhones.add(value(byId.get(l.evidenceId()), "number"));
            if (l.kind() == OfficerLink.Kind.SHARED_IMEI) sharedImeis.add(value(byId.get(l.evidenceId()), "imei"));
        }
        Set<String> phones = new HashSet<>(), imeis = new HashSet<>();
        for (EntityRecord r : records) {
            if (r.type() == EntityType.Phone) phones.add(value(r, "number"));
            if (r.type() == EntityType.Device) imeis.add(value(r, "imei"));
            if (r.type() == EntityType.Person) assertThat(personSource(r)).isNotEqualTo(DemoSources.ASP_PERSONNEL.id());
        }
        for (ScenarioOfficer o : register.values()) {
            assertThat(phones.contains(o.phones().getFirst())).as("phone of %s", o.id()).isEqualTo(sharedPhones.contains(o.phones().getFirst()));
            assertThat(imeis.contains(o.imeis().getFirst())).as("handset of %s", o.id()).isEqualTo(sharedImeis.contains(o.imeis().getFirst()));
        }
        assertThat(generator.cleanOfficerId()).isIn(register.keySet()).satisfies(id -> assertThat(truth).noneMatch(l -> l.officerId().equals(id)));
    }

    private static String personSource(EntityRecord r) {
        return r.statements().getFirst().provenance().sourceId();
    }

    private static String personSourceOf(EntityRecord r) {
        return personSource(r);
    }

    private static List<String> usesOf(String personId) {
        return records.stream().filter(r -> r.type() == EntityType.Uses && values(r, EntityType.SUBJECT).contains(personId))
                .map(r -> values(r, EntityType.OBJECT).getFirst()).toList();
    }

    private static EntityRecord linked(EntityRecord person, EntityType type) {
        return usesOf(person.id()).stream().map(byId::get).filter(r -> r.type() == type).findFirst().orElseThrow();
    }

    static List<String> values(EntityRecord r, String prop) {
        return r.statements().stream().filter(s -> s.prop().equals(prop)).map(Statement::value).toList();
    }

    static String value(EntityRecord r, String prop) {
        List<String> v = values(r, prop);
        return v.isEmpty() ? null : v.getFirst();
    }

    private static List<Statement> statements(EntityType type, String prop) {
        return records.stream().filter(r -> r.type() == type).flatMap(r -> r.statements().stream())
                .filter(s -> s.prop().equals(prop)).toList();
    }
}
