package besa.ledger;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * The RFC 9162 verification algorithms, implemented step by step as the RFC writes them:
 * section 2.1.3.2 (inclusion) and section 2.1.4.2 (consistency). Every method throws
 * {@link InvalidProofException} with the reason instead of returning {@code false}.
 */
public final class ProofVerifier {

    private static final HexFormat HEX = HexFormat.of();

    private ProofVerifier() {
    }

    /** Checks that {@code leafHash} is leaf {@code leafIndex} of the tree of {@code treeSize} with root {@code rootHash}. */
    public static void verifyInclusion(byte[] leafHash, long leafIndex, long treeSize, List<byte[]> path,
                                       byte[] rootHash) throws InvalidProofException {
        byte[] computed = rootFromInclusionProof(leafHash, leafIndex, treeSize, path);
        requireHashArg(rootHash, "root hash");
        if (!MessageDigest.isEqual(computed, rootHash)) {
            throw new InvalidProofException("inclusion proof for leaf " + leafIndex + " in tree of size " + treeSize
                    + " leads to root " + HEX.formatHex(computed) + ", not the expected " + HEX.formatHex(rootHash));
        }
    }

    /** Steps 1 to 5 of RFC 9162 section 2.1.3.2, returning the root the proof leads to. */
    public static byte[] rootFromInclusionProof(byte[] leafHash, long leafIndex, long treeSize, List<byte[]> path)
            throws InvalidProofException {
        requireHashArg(leafHash, "leaf hash");
        if (leafIndex < 0 || treeSize < 0) {
            throw new InvalidProofException("leaf index " + leafIndex + " and tree size " + treeSize
                    + " must not be negative");
        }
        // 1. leaf_index must be below tree_size.
        if (leafIndex >= treeSize) {
            throw new InvalidProofException("leaf index " + leafIndex + " is not below tree size " + treeSize);
        }
        // 2. fn = leaf_index, sn = tree_size - 1.
        long fn = leafIndex;
        long sn = treeSize - 1;
        // 3. r = hash.
        byte[] r = leafHash;
        // 4. For each p in inclusion_path ...
        for (int i = 0; i < path.size(); i++) {
            byte[] p = pathElement(path, i, "inclusion");
            // 4a. sn == 0: the path is longer than the tree is deep.
            if (sn == 0) {
                throw new InvalidProofException("inclusion proof for leaf " + leafIndex + " in tree of size "
                        + treeSize + " has " + path.size() + " hashes, more than the " + i + " the tree needs");
            }
            // 4b.
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHashes.nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                r = MerkleHashes.nodeHash(r, p);
            }
            // 4c.
            fn >>>= 1;
            sn >>>= 1;
        }
        // 5. sn must be 0.
        if (sn != 0) {
            throw new InvalidProofException("inclusion proof for leaf " + leafIndex + " in tree of size " + treeSize
                    + " has only " + path.size() + " hashes; the tree needs more");
        }
        return r;
    }

    /**
     * Checks that the tree of {@code firstSize} with {@code firstRoot} is a prefix of the tree of
     * {@code secondSize} with {@code secondRoot}. Equal sizes need an empty proof and equal roots;
     * an empty first tree is a prefix of every tree and needs an empty proof.
     */
    public static void verifyConsistency(long firstSize, long secondSize, List<byte[]> path,
                                         byte[] firstRoot, byte[] secondRoot) throws InvalidProofException {
        requireHashArg(firstRoot, "first root hash");
        requireHashArg(secondRoot, "second root hash");
        String what = "consistency proof from size " + firstSize + " to size " + secondSize;
        if (firstSize < 0 || firstSize > secondSize) {
            throw new InvalidProofException(what + ": the first size must be in [0, second size]");
        }
        if (firstSize == secondSize || firstSize == 0) {
            if (!path.isEmpty()) {
                throw new InvalidProofException(what + " must be empty but has " + path.size() + " hashes");
            }
            if (firstSize == secondSize && !MessageDigest.isEqual(firstRoot, secondRoot)) {
                throw new InvalidProofException(what + ": two trees of the same size have different roots "
                        + HEX.formatHex(firstRoot) + " and " + HEX.formatHex(secondRoot));
            }
            return;
        }
        // RFC 9162 section 2.1.4.2, for 0 < first < second.
        // 1. An empty path fails.
        if (path.isEmpty()) {
            throw new InvalidProofException(what + " is empty");
        }
        for (int i = 0; i < path.size(); i++) {
            pathElement(path, i, "consistency");
        }
        // 2. If first is an exact power of 2, prepend first_hash to the path.
        int next = 0;
        byte[] start;
        if (TreeMath.isPowerOfTwo(firstSize)) {
            start = firstRoot;
        } else {
            start = path.get(next++);
        }
        // 3. fn = first - 1, sn = second - 1.
        long fn = firstSize - 1;
        long sn = secondSize - 1;
        // 4. If LSB(fn) is set, shift both right until it is not.
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        // 5. fr = sr = first value of the path.
        byte[] fr = start;
        byte[] sr = start;
        // 6. For each subsequent value c ...
        for (; next < path.size(); next++) {
            byte[] c = path.get(next);
            // 6a.
            if (sn == 0) {
                throw new InvalidProofException(what + " has more hashes than the trees need");
            }
            // 6b.
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHashes.nodeHash(c, fr);
                sr = MerkleHashes.nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>>= 1;
                        sn >>>= 1;
                    }
                }
            } else {
                sr = MerkleHashes.nodeHash(sr, c);
            }
            // 6c.
            fn >>>= 1;
            sn >>>= 1;
        }
        // 7. fr == first_hash, sr == second_hash, sn == 0.
        if (sn != 0) {
            throw new InvalidProofException(what + " has too few hashes");
        }
        if (!MessageDigest.isEqual(fr, firstRoot)) {
            throw new InvalidProofException(what + " does not lead to the first root " + HEX.formatHex(firstRoot)
                    + " (got " + HEX.formatHex(fr) + "): the first tree is not a prefix of the second");
        }
        if (!MessageDigest.isEqual(sr, secondRoot)) {
            throw new InvalidProofException(what + " does not lead to the second root " + HEX.formatHex(secondRoot)
                    + " (got " + HEX.formatHex(sr) + "): the first tree is not a prefix of the second");
        }
    }

    private static byte[] pathElement(List<byte[]> path, int i, String kind) throws InvalidProofException {
        byte[] p = path.get(i);
        if (p == null || p.length != MerkleHashes.HASH_SIZE) {
            throw new InvalidProofException(kind + " proof hash #" + i + " has "
                    + (p == null ? "no" : String.valueOf(p.length)) + " bytes, not " + MerkleHashes.HASH_SIZE);
        }
        return p;
    }

    private static void requireHashArg(byte[] hash, String what) throws InvalidProofException {
        if (hash == null || hash.length != MerkleHashes.HASH_SIZE) {
            throw new InvalidProofException(what + " has " + (hash == null ? "no" : String.valueOf(hash.length))
                    + " bytes, not " + MerkleHashes.HASH_SIZE);
        }
    }
}
