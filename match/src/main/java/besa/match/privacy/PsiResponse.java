package besa.match.privacy;

import java.util.List;

/**
 * Round 2, responder to requester: {@code reblinded[i]} = request element i raised to the responder's
 * secret b (same order as the request, which only the requester can map back to identifiers), and
 * {@code blinded} = the responder's own identifiers hashed and raised to b, in random order.
 */
public record PsiResponse(byte[][] reblinded, byte[][] blinded) {
    private static final byte KIND = 2;

    public byte[] toBytes() {
        return PsiMessage.encode(KIND, reblinded, blinded);
    }

    public static PsiResponse fromBytes(byte[] bytes) {
        List<byte[][]> l = PsiMessage.decode(bytes, KIND, 2, "PSI response");
        return new PsiResponse(l.get(0), l.get(1));
    }
}
