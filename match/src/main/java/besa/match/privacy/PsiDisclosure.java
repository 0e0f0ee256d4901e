package besa.match.privacy;

/**
 * Optional round 3, requester to responder, only when the agreement says both sides learn the
 * intersection: {@code reblinded[j]} = the responder's element j raised to the requester's secret a.
 */
public record PsiDisclosure(byte[][] reblinded) {
    private static final byte KIND = 3;

    public byte[] toBytes() {
        return PsiMessage.encode(KIND, reblinded);
    }

    public static PsiDisclosure fromBytes(byte[] bytes) {
        return new PsiDisclosure(PsiMessage.decode(bytes, KIND, 1, "PSI disclosure").get(0));
    }
}
