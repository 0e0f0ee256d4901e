package besa.audit;

import besa.ledger.InclusionProof;
import besa.ledger.InvalidProofException;
import besa.ledger.MerkleHashes;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text {@code besa audit proof} prints: a header (origin, entry, leaf data and hash, tree size,
 * root) followed by the ledger's inclusion proof text. Anyone can check it with the RFC 9162
 * algorithm, or with {@code besa audit proof --verify}.
 */
public record InclusionProofText(String origin, byte[] leafData, byte[] leafHash, byte[] root, InclusionProof proof) {
    static final String TITLE = "besa audit inclusion proof";

    public String toText() {
        Base64.Encoder b64 = Base64.getEncoder();
        return TITLE + "\n"
                + "origin " + origin + "\n"
                + "entry " + proof.leafIndex() + "\n"
                + "leaf data " + b64.encodeToString(leafData) + "\n"
                + "leaf hash " + b64.encodeToString(leafHash) + "\n"
                + "tree size " + proof.treeSize() + "\n"
                + "root " + b64.encodeToString(root) + "\n"
                + proof.toText();
    }

    /** Parses and checks the proof: the data hashes to the leaf hash, and the path leads to the root. */
    public static InclusionProofText parseAndVerify(String text) throws InvalidProofException {
        int start = text.indexOf("besa inclusion proof");
        if (!text.startsWith(TITLE) || start < 0) throw new InvalidProofException("not a besa audit inclusion proof");
        Map<String, String> header = new LinkedHashMap<>();
        for (String line : text.substring(TITLE.length(), start).strip().split("\n")) {
            int sp = line.lastIndexOf(' ');
            if (sp < 0) throw new InvalidProofException("bad header line '" + line + "'");
            header.put(line.substring(0, sp), line.substring(sp + 1));
        }
        InclusionProof proof = InclusionProof.parse(text.substring(start));
        try {
            byte[] data = Base64.getDecoder().decode(require(header, "leaf data"));
            byte[] leafHash = Base64.getDecoder().decode(require(header, "leaf hash"));
            byte[] root = Base64.getDecoder().decode(require(header, "root"));
            if (Long.parseLong(require(header, "entry")) != proof.leafIndex()
                    || Long.parseLong(require(header, "tree size")) != proof.treeSize()) {
                throw new InvalidProofException("the header's entry or tree size differs from the proof's");
            }
            if (!MessageDigest.isEqual(MerkleHashes.leafHash(data), leafHash)) {
                throw new InvalidProofException("the leaf data does not hash to the leaf hash");
            }
            proof.verify(leafHash, root);
            return new InclusionProofText(header.getOrDefault("origin", ""), data, leafHash, root, proof);
        } catch (IllegalArgumentException e) {
            throw new InvalidProofException("bad proof header: " + e.getMessage());
        }
    }

    private static String require(Map<String, String> header, String key) throws InvalidProofException {
        String v = header.get(key);
        if (v == null) throw new InvalidProofException("the proof header lacks '" + key + "'");
        return v;
    }
}
