package besa.match.privacy;

/**
 * Round 1, requester to responder: the requester's identifiers hashed to P-256 and raised to its
 * secret a, deduplicated and in random order (33-byte compressed points).
 */
public record PsiRequest(byte[][] blinded) {
    private static final byte KIND = 1;

    public byte[] toBytes() {
        return PsiMessage.encode(KIND, blinded);
    }

    public static PsiRequest fromBytes(byte[] bytes) {
        return new PsiRequest(PsiMessage.decode(bytes, KIND, 1, "PSI request").get(0));
    }
}
