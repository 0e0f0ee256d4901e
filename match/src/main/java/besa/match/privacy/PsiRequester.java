package besa.match.privacy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The side that asks (and, by default, the only side that learns the intersection) in a
 * Diffie–Hellman private set intersection over P-256. One instance is one session: its secret is
 * fresh and never leaves it. See docs/privacy-matching.md for the protocol and what each side learns.
 *
 * <pre>
 *   requester (X, secret a)                      responder (Y, secret b)
 *   shuffle X, send H(x)^a          ── request ──>
 *                                   <── response ── H(x)^ab in request order, shuffled H(y)^b
 *   X ∩ Y = { x : H(x)^ab ∈ { (H(y)^b)^a } }
 *   optional: send (H(y)^b)^a in response order ── disclosure ──> responder learns X ∩ Y too
 * </pre>
 */
public final class PsiRequester {
    private final BigInteger secret;
    private final List<Identifier> order;
    private final PsiRequest request;
    /** How many elements the request has: the identifiers and random dummies up to the bucket. */
    private final int sent;
    /** The request's place of each identifier ({@code slots[i]} holds {@code order.get(i)}); the other places hold dummies. */
    private final int[] slots;

    private PsiRequester(BigInteger secret, List<Identifier> order, PsiRequest request, int sent, int[] slots) {
        this.secret = secret;
        this.order = order;
        this.request = request;
        this.sent = sent;
        this.slots = slots;
    }

    /** Starts a session over the requester's identifiers (duplicates are dropped: multiplicity would leak). */
    public static PsiRequester start(Collection<Identifier> identifiers, SecureRandom random) {
        return start(identifiers, random, 0);
    }

    /**
     * Starts a session whose request has {@code padTo} elements (when that is more than the distinct identifiers): the
     * blinded identifiers and random points ({@link SetPadding}), mixed at places drawn at random ({@link #slots()}, kept
     * here). The responder cannot tell the two apart, so it learns {@code padTo}, not the size of the set, and the places
     * of any match (if it learns them) say nothing of the size either; a dummy never matches, and its place is never read.
     */
    public static PsiRequester start(Collection<Identifier> identifiers, SecureRandom random, int padTo) {
        BigInteger a = Group.secret(random);
        List<Identifier> order = shuffled(identifiers, random);
        int sent = Math.max(order.size(), padTo);
        int[] slots = PsiRequester.places(order.size(), sent, random);
        byte[][] blinded = new byte[sent][];
        IntStream.range(0, order.size()).parallel().forEach(i -> blinded[slots[i]] = Group.hashAndBlind(order.get(i), a));
        for (int i = 0; i < sent; i++) if (blinded[i] == null) blinded[i] = Group.randomPoint(random);
        return new PsiRequester(a, order, new PsiRequest(blinded), sent, slots);
    }

    /**
     * A session resumed from its saved state ({@link #secret()} and {@link #order()}), e.g. after a
     * restart between request and response. It can finish the session, not send the request again.
     */
    public static PsiRequester resume(byte[] secret, List<Identifier> order) {
        return resume(secret, order, order.size(), null);
    }

    /**
     * A session resumed whose request had {@code sent} elements ({@link #sent()}) with the identifiers at {@code slots}
     * ({@link #slots()}; null: at the first places, as a session started before the places were drawn).
     */
    public static PsiRequester resume(byte[] secret, List<Identifier> order, int sent, int[] slots) {
        BigInteger a = new BigInteger(1, secret);
        if (a.signum() == 0 || a.compareTo(Group.order()) >= 0) throw new IllegalArgumentException("not a PSI secret of this group");
        if (sent < order.size()) throw new IllegalArgumentException("a PSI request of " + sent + " elements cannot hold " + order.size() + " identifiers");
        int[] s = slots == null ? IntStream.range(0, order.size()).toArray() : slots.clone();
        SetPadding.checkSlots(s, order.size(), sent);
        return new PsiRequester(a, List.copyOf(order), null, sent, s);
    }

    /** The request's place of each identifier of {@link #order()}; secret to this side, needed to resume. */
    public int[] slots() {
        return slots.clone();
    }

    /** How many elements the request had (identifiers and dummies); needed to resume a padded session. */
    public int sent() {
        return sent;
    }

    /** Round 1, to send to the responder (none for a resumed session). */
    public PsiRequest request() {
        if (request == null) throw new IllegalStateException("a resumed PSI session has no request to send");
        return request;
    }

    /**
     * The session's secret exponent (32 bytes, big-endian), only so that the caller can keep it,
     * encrypted, until the response arrives. It must never be sent to anyone.
     */
    public byte[] secret() {
        byte[] raw = secret.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }

    /** The requester's identifiers in the order they were blinded (the response keeps it); needed to resume. */
    public List<Identifier> order() {
        return order;
    }

    /** The requester's identifiers that the responder also holds. */
    public Set<Identifier> intersection(PsiResponse response) {
        if (response.reblinded().length != sent) {
            throw new IllegalArgumentException("PSI response: " + response.reblinded().length + " re-blinded elements for a request of " + sent);
        }
        Map<ByteBuffer, Identifier> mine = new HashMap<>();
        // Every place is checked (a malformed reply is refused, not silently unmatched); only the identifiers' are mapped.
        for (int j = 0; j < sent; j++) Group.decode(response.reblinded()[j], j, "PSI response");
        for (int i = 0; i < order.size(); i++) mine.put(Group.key(response.reblinded()[slots[i]]), order.get(i));
        byte[][] theirs = reblind(response);
        Set<Identifier> out = new LinkedHashSet<>();
        for (byte[] t : theirs) {
            Identifier id = mine.get(Group.key(t));
            if (id != null) out.add(id);
        }
        return out;
    }

    /** Optional round 3: lets the responder learn the intersection too (only if the agreement says so). */
    public PsiDisclosure disclosure(PsiResponse response) {
        return new PsiDisclosure(reblind(response));
    }

    private byte[][] reblind(PsiResponse response) {
        byte[][] in = response.blinded();
        byte[][] out = new byte[in.length][];
        IntStream.range(0, in.length).parallel().forEach(j -> out[j] = Group.reblind(in[j], secret, j, "PSI response"));
        return out;
    }

    /** Where the identifiers go: the first places when there is no padding (their order is shuffled already), else at random. */
    static int[] places(int n, int sent, SecureRandom random) {
        return n == sent ? IntStream.range(0, n).toArray() : SetPadding.slots(n, sent, random);
    }

    /** Distinct identifiers in an order drawn from the session's random source. */
    static List<Identifier> shuffled(Collection<Identifier> identifiers, SecureRandom random) {
        List<Identifier> list = new ArrayList<>(new HashSet<>(identifiers));
        java.util.Collections.shuffle(list, random);
        return list;
    }
}
