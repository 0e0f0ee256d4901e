package besa.demo;

import static org.assertj.core.api.Assertions.assertThat;

import besa.intel.model.EntityType;
import besa.intel.model.Statement;
import besa.intel.store.EntityRecord;
import besa.match.normalize.Imeis;
import besa.match.normalize.Phones;
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
        for (EntityType t : EntityType.values()) assertThat(summary.byType()).as("count of %s", t).containsKey(t);
        assertThat(summary.byType().get(EntityType.Person)).isGreaterThan(DemoSize.SMALL.officers() + 100L);
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
        assertThat(names).anyMatch(n -> n.contains("ş"));
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
        Set<String> officerIds = new HashSet<>(generator.officerIds());
        assertThat(officerIds).hasSize(DemoSize.SMALL.officers());
        for (OfficerLink l : truth) {
            EntityRecord officer = byId.get(l.officerId());
            EntityRecord person = byId.get(l.personId());
            assertThat(officer).isNotNull();
            assertThat(person).as("%s", l).isNotNull();
            assertThat(person.type()).isEqualTo(EntityType.Person);
            assertThat(personSource(officer)).isEqualTo(DemoSources.ASP_PERSONNEL.id());
            assertThat(byId).containsKey(l.groupId());
            switch (l.kind()) {
                case SHARED_PHONE -> {
                    assertThat(value(byId.get(l.evidenceId()), "number")).isEqualTo(value(linked(officer, EntityType.Phone), "number"));
                    assertThat(usesOf(l.personId())).contains(l.evidenceId());
                }
                case SHARED_IMEI -> {
                    assertThat(value(byId.get(l.evidenceId()), "imei")).isEqualTo(value(linked(officer, EntityType.Device), "imei"));
                    assertThat(usesOf(l.personId())).contains(l.evidenceId());
                }
                case SIBLING -> {
                    assertThat(value(person, "lastName")).isEqualTo(value(officer, "lastName"));
                    assertThat(value(person, "fatherName")).isEqualTo(value(officer, "fatherName"));
                    assertThat(value(person, "firstName")).isNotEqualTo(value(officer, "firstName"));
                }
                case NAMESAKE -> {
                    assertThat(l.involved()).isFalse();
                    assertThat(value(person, "name")).isEqualTo(value(officer, "name"));
                    assertThat(value(person, "fatherName")).isNotEqualTo(value(officer, "fatherName"));
                    assertThat(value(person, "birthDate")).isNotEqualTo(value(officer, "birthDate"));
                }
                case CRYPTO_ACCOUNT -> {
                    assertThat(byId.get(l.evidenceId()).type()).isEqualTo(EntityType.Account);
                    assertThat(personSource(person)).isEqualTo(DemoSources.EUROPOL_CRYPTO.id());
                    assertThat(value(person, "birthDate")).isEqualTo(value(officer, "birthDate"));
                    assertThat(usesOf(l.personId())).contains(l.evidenceId());
                }
            }
        }
        // No officer's phone or handset turns up in the intelligence unless the ground truth says so.
        Set<String> sharedPhones = new HashSet<>(), sharedImeis = new HashSet<>();
        for (OfficerLink l : truth) {
            if (l.kind() == OfficerLink.Kind.SHARED_PHONE) sharedPhones.add(value(byId.get(l.evidenceId()), "number"));
            if (l.kind() == OfficerLink.Kind.SHARED_IMEI) sharedImeis.add(value(byId.get(l.evidenceId()), "imei"));
        }
        Map<String, Long> phoneHolders = new HashMap<>(), imeiHolders = new HashMap<>();
        for (EntityRecord r : records) {
            if (r.type() == EntityType.Phone && personSourceOf(r).equals(DemoSources.ASP_INTEL.id())) phoneHolders.merge(value(r, "number"), 1L, Long::sum);
            if (r.type() == EntityType.Device) imeiHolders.merge(value(r, "imei"), 1L, Long::sum);
        }
        for (String id : officerIds) {
            EntityRecord officer = byId.get(id);
            String phone = value(linked(officer, EntityType.Phone), "number"), imei = value(linked(officer, EntityType.Device), "imei");
            assertThat(phoneHolders.containsKey(phone)).as("phone of %s", id).isEqualTo(sharedPhones.contains(phone));
            assertThat(imeiHolders.getOrDefault(imei, 0L) > 1).as("handset of %s", id).isEqualTo(sharedImeis.contains(imei));
        }
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
