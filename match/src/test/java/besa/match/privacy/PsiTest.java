package besa.match.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PsiTest {
    final SecureRandom random = new SecureRandom();

    /** n distinct random Albanian mobile numbers, from a seeded source so that overlaps are known. */
    static List<Identifier> phones(Random r, int n, Set<String> avoid) {
        List<Identifier> out = new ArrayList<>();
        while (out.size() < n) {
            String raw = "06" + (7 + r.nextInt(3)) + String.format("%07d", r.nextInt(10_000_000));
            Identifier id = Identifier.phone(raw).orElseThrow();
            if (avoid.add(id.value())) out.add(id);
        }
        return out;
    }

    @Test
    void findsExactlyTheIntersectionOnRandomSets() {
        Random r = new Random(42);
        for (int[] sizes : new int[][] {{300, 500, 37}, {50, 40, 0}, {120, 120, 120}}) {
            Set<String> used = new HashSet<>();
            List<Identifier> common = phones(r, sizes[2], used);
            List<Identifier> x = new ArrayList<>(common), y = new ArrayList<>(common);
            x.addAll(phones(r, sizes[0] - sizes[2], used));
            y.addAll(phones(r, sizes[1] - sizes[2], used));
            PsiRequester a = PsiRequester.start(x, random);
            PsiResponder b = PsiResponder.start(y, random);
            PsiResponse response = PsiResponse.fromBytes(b.respond(PsiRequest.fromBytes(a.request().toBytes())).toBytes());
            assertThat(a.intersection(response)).containsExactlyInAnyOrderElementsOf(common);
            assertThat(b.intersection(PsiDisclosure.fromBytes(a.disclosure(response).toBytes()))).containsExactlyInAnyOrderElementsOf(common);
        }
    }

    @Test
    void aSessionResumedFromItsSavedSecretAndOrderFinishes() {
        Random r = new Random(7);
        Set<String> used = new HashSet<>();
        List<Identifier> common = phones(r, 5, used);
        List<Identifier> x = new ArrayList<>(common), y = new ArrayList<>(common);
        x.addAll(phones(r, 20, used));
        y.addAll(phones(r, 30, used));
        PsiRequester a = PsiRequester.start(x, random);
        byte[] secret = a.secret();
        assertThat(secret).hasSize(32);
        PsiResponse response = PsiResponder.start(y, random).respond(a.request());
        PsiRequester resumed = PsiRequester.resume(secret, a.order());
        assertThat(resumed.intersection(response)).containsExactlyInAnyOrderElementsOf(common);
        assertThatThrownBy(resumed::request).isInstanceOf(IllegalStateException.class);
        // Another secret finds nothing: the saved secret is what the session needs.
        assertThat(PsiRequester.resume(PsiRequester.start(x, random).secret(), a.order()).intersection(response)).isEmpty();
        assertThatThrownBy(() -> PsiRequester.resume(new byte[32], a.order())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identifiersAreNormalisedAndKindsKeptApart() {
        List<Identifier> x = List.of(Identifier.phone("+355 69 123 4567").orElseThrow(), Identifier.imei("35-209900-176148-9").orElseThrow(),
                Identifier.document("al", "ab 123 456").orElseThrow(), Identifier.document("AL", "99").orElseThrow());
        List<Identifier> y = List.of(Identifier.phone("069 123 4567").orElseThrow(), Identifier.imei("35209900176148").orElseThrow(),
                Identifier.document("AL", "AB123456").orElseThrow(), Identifier.document("XK", "99").orElseThrow(), new Identifier(Identifier.Kind.IMEI, "99"));
        PsiRequester a = PsiRequester.start(x, random);
        PsiResponder b = PsiResponder.start(y, random);
        assertThat(a.intersection(b.respond(a.request()))).containsExactlyInAnyOrderElementsOf(x.subList(0, 3));
    }

    @Test
    void duplicatesAreSentOnce() {
        Identifier p = Identifier.phone("0691234567").orElseThrow();
        assertThat(PsiRequester.start(List.of(p, p, Identifier.phone("+355691234567").orElseThrow()), random).request().blinded().length).isEqualTo(1);
    }

    @Test
    void blindedValuesDifferFromPlainHashesAndBetweenSessions() {
        Identifier p = Identifier.phone("0691234567").orElseThrow();
        byte[] plain = HashToCurveAccess.plainHash(p);
        byte[] s1 = PsiRequester.start(List.of(p), random).request().blinded()[0];
        byte[] s2 = PsiRequester.start(List.of(p), random).request().blinded()[0];
        assertThat(s1).hasSize(33).isNotEqualTo(plain).isNotEqualTo(s2);
        assertThat(s2).isNotEqualTo(plain);
    }

    @Test
    void withoutTheOtherSecretBlindedValuesCannotBeLinked() {
        // An eavesdropper or the responder holds H(x)^a from two sessions and its own H(x)^b:
        // none equals another, and re-blinding with a secret of its own (not a) does not help.
        Random r = new Random(7);
        List<Identifier> x = phones(r, 50, new HashSet<>());
        PsiRequester a1 = PsiRequester.start(x, random), a2 = PsiRequester.start(x, random);
        PsiResponder b = PsiResponder.start(x, random);
        Set<ByteBuffer> s1 = set(a1.request().blinded()), s2 = set(a2.request().blinded());
        PsiResponse resp = b.respond(a1.request());
        Set<ByteBuffer> own = set(resp.blinded());
        assertThat(s1).doesNotContainAnyElementsOf(s2).doesNotContainAnyElementsOf(own);
        // The responder's honest result without round 3 knows only the count; with a forged
        // disclosure (its own points re-blinded by itself, not by a) it finds no match.
        PsiResponder guess = PsiResponder.start(x, random);
        PsiResponse forged = guess.respond(new PsiRequest(resp.blinded()));
        assertThat(b.intersection(new PsiDisclosure(forged.reblinded()))).isEmpty();
        // the requester with the right secret links them all
        assertThat(a1.intersection(resp)).hasSize(50);
    }

    @Test
    void malformedMessagesAreRefusedWithTheElement() {
        PsiResponder b = PsiResponder.start(List.of(Identifier.phone("0691234567").orElseThrow()), random);
        byte[][] bad = {new byte[33]};
        bad[0][0] = 2;
        java.util.Arrays.fill(bad[0], 1, 33, (byte) 0xff); // x = 2^256 - 1 is no field element
        assertThatThrownBy(() -> b.respond(new PsiRequest(bad))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PSI request element 0");
        assertThatThrownBy(() -> b.respond(new PsiRequest(new byte[][] {new byte[5]}))).hasMessageContaining("33-byte");
        byte[] wire = PsiRequester.start(List.of(Identifier.phone("0691234567").orElseThrow()), random).request().toBytes();
        assertThatThrownBy(() -> PsiRequest.fromBytes(java.util.Arrays.copyOf(wire, wire.length - 1))).hasMessageContaining("PSI request");
        assertThatThrownBy(() -> PsiResponse.fromBytes(wire)).hasMessageContaining("wrong message kind");
    }

    static Set<ByteBuffer> set(byte[][] points) {
        return java.util.Arrays.stream(points).map(ByteBuffer::wrap).collect(Collectors.toSet());
    }

    /**
     * Both sides padded to a bucket with random points: the request and the responder's set have exactly the bucket's
     * number of elements, the intersection (both ways, and after a resume) is the same as unpadded, and no dummy ever
     * shows in it.
     */
    @Test
    void paddedSessionsSendTheBucketAndFindTheSameIntersection() {
        Random r = new Random(99);
        Set<String> used = new HashSet<>();
        List<Identifier> common = phones(r, 9, used);
        List<Identifier> x = new ArrayList<>(common), y = new ArrayList<>(common);
        x.addAll(phones(r, 21, used)); // 30
        y.addAll(phones(r, 41, used)); // 50
        int bx = SetPadding.bucket(x.size(), 0, 50_000), by = SetPadding.bucket(y.size(), 0, 50_000);
        assertThat(bx).isEqualTo(32);
        assertThat(by).isEqualTo(64);
        PsiRequester a = PsiRequester.start(x, random, bx);
        PsiResponder b = PsiResponder.start(y, random, by);
        assertThat(a.request().blinded().length).isEqualTo(32);
        assertThat(a.sent()).isEqualTo(32);
        PsiResponse response = PsiResponse.fromBytes(b.respond(PsiRequest.fromBytes(a.request().toBytes())).toBytes());
        assertThat(response.reblinded().length).isEqualTo(32);
        assertThat(response.blinded().length).isEqualTo(64);
        assertThat(a.intersection(response)).containsExactlyInAnyOrderElementsOf(common);
        assertThat(b.intersection(PsiDisclosure.fromBytes(a.disclosure(response).toBytes()))).containsExactlyInAnyOrderElementsOf(common);
        assertThat(PsiRequester.resume(a.secret(), a.order(), a.sent(), a.slots()).intersection(response)).containsExactlyInAnyOrderElementsOf(common);
        // Resumed without the padding it was sent with, the response does not fit: refused, not half-read.
        assertThatThrownBy(() -> PsiRequester.resume(a.secret(), a.order()).intersection(response)).isInstanceOf(IllegalArgumentException.class);
        // Dummies are valid, distinct points, like the blinded identifiers.
        assertThat(java.util.Arrays.stream(a.request().blinded()).map(ByteBuffer::wrap).distinct().count()).isEqualTo(32);
        // Disjoint sets padded: nothing in common, whatever the dummies.
        assertThat(PsiRequester.start(phones(r, 3, used), random, 16).intersection(PsiResponder.start(phones(r, 3, used), random, 16)
                .respond(PsiRequester.start(phones(r, 3, used), random, 16).request()))).isEmpty();
    }

    /**
     * The real elements sit at random places among the dummies, on both sides: the places at which each side sees a match
     * (the requester in the responder's set, the responder in the request once it has the disclosure) spread over the
     * whole bucket instead of betraying the size by staying below it; the intersection is the same, also after a resume.
     */
    @Test
    void matchesArePlacedAnywhereInThePaddedSetsNotBelowTheSize() {
        Random r = new Random(7);
        Set<String> used = new HashSet<>();
        int highestResponderPlace = -1, highestRequesterPlace = -1;
        for (int run = 0; run < 20; run++) {
            List<Identifier> y = phones(r, 5, used);
            List<Identifier> x = new ArrayList<>(y);
            x.addAll(phones(r, 1, used));
            PsiRequester a = PsiRequester.start(x, random, 64);
            PsiResponder b = PsiResponder.start(y, random, 64);
            PsiResponse response = b.respond(a.request());
            PsiDisclosure disclosure = a.disclosure(response);
            assertThat(a.intersection(response)).containsExactlyInAnyOrderElementsOf(y);
            assertThat(b.intersection(disclosure)).containsExactlyInAnyOrderElementsOf(y);
            assertThat(PsiRequester.resume(a.secret(), a.order(), a.sent(), a.slots()).intersection(response)).containsExactlyInAnyOrderElementsOf(y);
            // What each side can see: the places j of the responder's set whose (H(y)^b)^a is one of the H(x)^ab, and back.
            Set<ByteBuffer> doubleX = set(response.reblinded()), doubleY = set(disclosure.reblinded());
            for (int j = 0; j < 64; j++) if (doubleX.contains(ByteBuffer.wrap(disclosure.reblinded()[j]))) highestResponderPlace = Math.max(highestResponderPlace, j);
            for (int i = 0; i < 64; i++) if (doubleY.contains(ByteBuffer.wrap(response.reblinded()[i]))) highestRequesterPlace = Math.max(highestRequesterPlace, i);
        }
        assertThat(highestResponderPlace).as("a match at or past the responder's size (5)").isGreaterThanOrEqualTo(5);
        assertThat(highestRequesterPlace).as("a match at or past the requester's size (6)").isGreaterThanOrEqualTo(6);
        // Saved places that do not fit the request are refused.
        PsiRequester a = PsiRequester.start(phones(r, 3, used), random, 16);
        assertThatThrownBy(() -> PsiRequester.resume(a.secret(), a.order(), 16, new int[] {0, 0, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PsiRequester.resume(a.secret(), a.order(), 16, new int[] {0, 16, 1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bucketsArePowersOfTwoOrStepsNeverAboveTheCap() {
        assertThat(SetPadding.bucket(0, 0, 50_000)).isEqualTo(16);
        assertThat(SetPadding.bucket(1, 0, 50_000)).isEqualTo(16);
        assertThat(SetPadding.bucket(17, 0, 50_000)).isEqualTo(32);
        assertThat(SetPadding.bucket(1024, 0, 50_000)).isEqualTo(1024);
        assertThat(SetPadding.bucket(40_000, 0, 50_000)).isEqualTo(50_000); // 65,536 is above the cap: the cap is the top bucket
        assertThat(SetPadding.bucket(7, 1000, 50_000)).isEqualTo(1000);
        assertThat(SetPadding.bucket(1001, 1000, 50_000)).isEqualTo(2000);
        assertThat(SetPadding.bucket(60_000, 0, 50_000)).isEqualTo(60_000);
        assertThatThrownBy(() -> SetPadding.bucket(5, -1, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
