package besa.match.privacy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The side that answers a {@link PsiRequester}. It learns the size of the requester's set and, only
 * if the requester sends a {@link PsiDisclosure}, the intersection; nothing else. One instance is one
 * session with a fresh secret.
 */
public final class PsiResponder {
    private final BigInteger secret;
    private final List<Identifier> order;
    private final byte[][] blinded;
    /** The place of each identifier of {@code order} in {@code blinded}; the other places hold dummies. Never sent. */
    private final int[] slots;
    private Set<ByteBuffer> requesterDoubleBlinded = Set.of();

    private PsiResponder(BigInteger secret, List<Identifier> order, byte[][] blinded, int[] slots) {
        this.secret = secret;
        this.order = order;
        this.blinded = blinded;
        this.slots = slots;
    }

    /** Starts a session over the responder's identifiers (duplicates dropped). */
    public static PsiResponder start(Collection<Identifier> identifiers, SecureRandom random) {
        return start(identifiers, random, 0);
    }

    /**
     * Starts a session whose own blinded set has {@code padTo} elements (when that is more than the distinct
     * identifiers): the blinded identifiers and random points that the requester cannot tell from them and that
     * match nothing ({@link SetPadding}), mixed at places drawn at random and kept here. The requester learns
     * {@code padTo}, not the size of the set: the places at which it finds matches are spread over the whole response.
     */
    public static PsiResponder start(Collection<Identifier> identifiers, SecureRandom random, int padTo) {
        BigInteger b = Group.secret(random);
        List<Identifier> order = PsiRequester.shuffled(identifiers, random);
        int sent = Math.max(order.size(), padTo);
        int[] slots = PsiRequester.places(order.size(), sent, random);
        byte[][] blinded = new byte[sent][];
        IntStream.range(0, order.size()).parallel().forEach(i -> blinded[slots[i]] = Group.hashAndBlind(order.get(i), b));
        for (int i = 0; i < sent; i++) if (blinded[i] == null) blinded[i] = Group.randomPoint(random);
        return new PsiResponder(b, order, blinded, slots);
    }

    /** Round 2: re-blinds the request in its order and adds the responder's own blinded set. */
    public PsiResponse respond(PsiRequest request) {
        byte[][] in = request.blinded();
        byte[][] out = new byte[in.length][];
        IntStream.range(0, in.length).parallel().forEach(i -> out[i] = Group.reblind(in[i], secret, i, "PSI request"));
        Set<ByteBuffer> seen = new HashSet<>();
        for (byte[] p : out) seen.add(Group.key(p));
        requesterDoubleBlinded = seen;
        return new PsiResponse(out, blinded.clone());
    }

    /** The responder's identifiers in the intersection, from the requester's optional round 3. */
    public Set<Identifier> intersection(PsiDisclosure disclosure) {
        if (disclosure.reblinded().length != blinded.length) {
            throw new IllegalArgumentException("PSI disclosure: " + disclosure.reblinded().length + " elements for a response of " + blinded.length);
        }
        Set<Identifier> out = new LinkedHashSet<>();
        for (int i = 0; i < order.size(); i++) {
            int j = slots[i];
            Group.decode(disclosure.reblinded()[j], j, "PSI disclosure");
            if (requesterDoubleBlinded.contains(Group.key(disclosure.reblinded()[j]))) out.add(order.get(i));
        }
        return out;
    }
}
