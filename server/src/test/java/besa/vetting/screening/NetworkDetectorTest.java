package besa.vetting.screening;

import static org.assertj.core.api.Assertions.assertThat;

import besa.access.CompartmentKind;
import besa.access.Compartments;
import besa.access.ReadScope;
import besa.intel.model.EntityType;
import besa.intel.model.Handling;
import besa.intel.store.IntelStore;
import besa.vetting.VettingAccess;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.PersonnelRegister;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Network proximity on a small graph: a criminal group with one member, officers' phones one, two and
 * three hops from him, a path through the group itself, and paths through entities a user may not read.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkDetectorTest {
    @Autowired IntelStore store;
    @Autowired PersonnelRegister register;
    @Autowired VettingAccess vetting;
    @Autowired JdbcClient jdbc;
    @Autowired NetworkDetector detector;
    @Autowired Compartments compartments;

    ScreeningIntelFixture f;
    String group, member, memberPhone, viaPhone;
    Officer twoHops, oneHop, threeHops, viaGroup, viaSecret, viaCompartment, later;
    String twoHopsPhone, oneHopPhone, comm;
    String secretPhone, compartmentPhone, laterPhone;

    @BeforeAll
    void intelligence() {
        f = new ScreeningIntelFixture(store);
        group = f.group("Grupi i Shkodrës " + f.run);
        member = f.person("Arben Krasniqi");
        f.relation(EntityType.Membership, member, group, "role", "member");
        memberPhone = f.phone(f.number());
        f.relation(EntityType.Uses, member, memberPhone);

        // 2 hops: the officer's number called the member's number.
        String n2 = f.number();
        twoHopsPhone = f.phone(n2);
        comm = f.relation(EntityType.Communication, twoHopsPhone, memberPhone, "count", "12");
        twoHops = f.officer("Dritan", List.of(n2), List.of());

        // 1 hop: the member uses the officer's number.
        String n1 = f.number();
        oneHopPhone = f.phone(n1);
        f.relation(EntityType.Uses, member, oneHopPhone);
        oneHop = f.officer("Besnik", List.of(n1), List.of());

        // 3 hops: officer -> a phone -> a phone -> the member's phone -> member.
        String n3 = f.number();
        String p3 = f.phone(n3), mid1 = f.phone(f.number()), mid2 = f.phone(f.number());
        f.relation(EntityType.Communication, p3, mid1);
        f.relation(EntityType.Communication, mid1, mid2);
        f.relation(EntityType.Communication, mid2, memberPhone);
        threeHops = f.officer("Gentian", List.of(n3), List.of());

        // Through the group itself: the organisation owns the officer's phone (the member is its member).
        String ng = f.number();
        String pg = f.phone(ng);
        f.relation(EntityType.Ownership, group, pg);
        viaGroup = f.officer("Ilir", List.of(ng), List.of());

        // Through an H3 phone (a user with H2 clearance must not see this path).
        String ns = f.number();
        String ps = f.phone(ns);
        secretPhone = f.entity(EntityType.Phone, Handling.H3, "number", f.number());
        f.relation(EntityType.Communication, Handling.H3, ps, secretPhone);
        f.relation(EntityType.Uses, Handling.H3, member, secretPhone);
        viaSecret = f.officer("Klodian", List.of(ns), List.of());

        // Through a phone held in an operation's compartment.
        String nc = f.number();
        String pc = f.phone(nc);
        compartmentPhone = f.phone(f.number());
        f.relation(EntityType.Communication, pc, compartmentPhone);
        f.relation(EntityType.Uses, member, compartmentPhone);
        viaCompartment = f.officer("Luan", List.of(nc), List.of());

        // Not linked yet (screenChanged).
        String nl = f.number();
        laterPhone = f.phone(nl);
        later = f.officer("Mirel", List.of(nl), List.of());
        f.save(store);

        long op = compartments.create(CompartmentKind.OPERATION, "op-net-" + f.run, "Operation " + f.run, null);
        compartments.attach(op, compartmentPhone);
        vetting.system(scope -> {
            for (Officer o : List.of(twoHops, oneHop, threeHops, viaGroup, viaSecret, viaCompartment, later)) register.save(o);
            return null;
        });
    }

    private List<Finding> screen(ReadScope scope, Officer... officers) {
        return vetting.system(system -> {
            List<Finding> out = new ArrayList<>();
            ScreeningContext ctx = new ScreeningContext(register.find(ids(officers)), scope == null ? system : scope, jdbc);
            detector.screen(ctx, out::add);
            return out;
        });
    }

    private List<Finding> screenChanged(Set<String> changed, Officer... officers) {
        return vetting.system(system -> {
            List<Finding> out = new ArrayList<>();
            detector.screenChanged(new ScreeningContext(register.find(ids(officers)), system, jdbc), changed, out::add);
            return out;
        });
    }

    private static List<String> ids(Officer... officers) {
        return java.util.Arrays.stream(officers).map(Officer::id).toList();
    }

    /** A vetting officer's scope with H2 clearance and no compartment. */
    private static ReadScope h2() {
        return ReadScope.user("net-vetter", 2, List.of(), List.of(), new long[0], true, false, null);
    }

    @SuppressWarnings("unchecked")
    private static List<String> pathIds(Finding finding) {
        return ((List<Map<String, Object>>) finding.evidence().get("path")).stream().map(n -> (String) n.get("id")).toList();
    }

    @Test
    void twoHopsThroughACallFoundWithThePathAndThePlainWords() {
        List<Finding> found = screen(null, twoHops);
        assertThat(found).singleElement().satisfies(fd -> {
            assertThat(fd.kind()).isEqualTo(FactorKind.NETWORK);
            assertThat(fd.officerId()).isEqualTo(twoHops.id());
            assertThat(fd.key()).isEqualTo("NETWORK:" + twoHopsPhone + ":" + group);
            assertThat(pathIds(fd)).containsExactly(twoHopsPhone, memberPhone, member, group);
            assertThat(fd.evidence().get("hops")).isEqualTo(2);
            assertThat((List<Map<String, Object>>) fd.evidence().get("links")).extracting(l -> l.get("type"))
                    .containsExactly("Communication", "Uses", "Membership");
            assertThat((List<Map<String, Object>>) fd.evidence().get("links")).first().satisfies(l -> {
                assertThat(l.get("id")).isEqualTo(comm);
                assertThat(l.get("count")).isEqualTo(12L);
            });
            assertThat((List<String>) fd.evidence().get("entities")).contains(twoHopsPhone, comm, memberPhone, member, group);
            assertThat(fd.summarySq()).startsWith("Numri " + twoHops.identifiers().getFirst().value() + " i oficerit ka komunikuar me numrin ")
                    .contains("(12 herë)", "që përdoret nga Arben Krasniqi, anëtar i grupit Grupi i Shkodrës " + f.run);
            assertThat(fd.summaryEn()).startsWith("The officer's number " + twoHops.identifiers().getFirst().value() + " communicated with the number ")
                    .contains("(12 times)", "which is used by Arben Krasniqi, member of the group Grupi i Shkodrës " + f.run);
        });
    }

    @Test
    void oneHopWeighsMoreThanTwo() {
        Finding one = screen(null, oneHop).getFirst();
        assertThat(pathIds(one)).containsExactly(oneHopPhone, member, group);
        assertThat(one.evidence().get("hops")).isEqualTo(1);
        assertThat(one.summaryEn()).contains("is used by Arben Krasniqi, member of the group");
        Finding two = screen(null, twoHops).getFirst();
        assertThat(one.weight()).isGreaterThan(two.weight());
    }

    @Test
    void threeHopsAreTooFar() {
        assertThat(screen(null, threeHops)).isEmpty();
    }

    @Test
    void noPathThroughTheGroupItself() {
        assertThat(screen(null, viaGroup)).isEmpty();
    }

    @Test
    void entitiesAboveTheScopeOrInACompartmentAreNotWalked() {
        assertThat(screen(null, viaSecret)).as("the system sees the H3 path").singleElement()
                .satisfies(fd -> assertThat(pathIds(fd)).contains(secretPhone));
        assertThat(screen(h2(), viaSecret)).as("an H2 reader does not").isEmpty();
        assertThat(screen(null, viaCompartment)).singleElement().satisfies(fd -> assertThat(pathIds(fd)).contains(compartmentPhone));
        assertThat(screen(h2(), viaCompartment)).as("no member of the operation").isEmpty();
        assertThat(screen(h2(), twoHops)).as("H1 paths are readable at H2").hasSize(1);
    }

    @Test
    void screenChangedFindsANewLinkOnlyThroughTheChangedEntity() {
        assertThat(screen(null, later)).isEmpty();
        String link = f.relation(EntityType.Communication, laterPhone, memberPhone, "count", "3");
        String unrelated = f.person("Someone Else " + f.run);
        f.save(store);

        assertThat(screenChanged(Set.of(unrelated), later, twoHops)).as("nothing involves an unrelated person").isEmpty();
        List<Finding> found = screenChanged(Set.of(link), later, twoHops, oneHop);
        assertThat(found).as("only the new path; the two-hop and one-hop officers' paths do not involve it").singleElement()
                .satisfies(fd -> {
                    assertThat(fd.officerId()).isEqualTo(later.id());
                    assertThat(pathIds(fd)).containsExactly(laterPhone, memberPhone, member, group);
                    assertThat(fd.weight()).as("3 calls weigh less than 12 on the same kind of path")
                            .isLessThan(screen(null, twoHops).getFirst().weight());
                });
        // A change to the member reaches every path through him.
        assertThat(screenChanged(Set.of(member), twoHops, oneHop, threeHops)).extracting(Finding::officerId)
                .containsExactlyInAnyOrder(twoHops.id(), oneHop.id());
        assertThat(screenChanged(Set.of(comm), twoHops, oneHop)).extracting(Finding::officerId).containsExactly(twoHops.id());
    }
}
