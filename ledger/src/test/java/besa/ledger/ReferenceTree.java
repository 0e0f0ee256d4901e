package besa.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * Test oracle: the RFC 9162 section 2.1 definitions (MTH, PATH, PROOF/SUBPROOF) transcribed
 * literally as recursions over a list of leaf data, with no caching. Slow and obviously right;
 * it is itself checked against the published vectors in {@link ReferenceTreeTest}.
 */
final class ReferenceTree {

    private ReferenceTree() {
    }

    static byte[] mth(List<byte[]> d) {
        int n = d.size();
        if (n == 0) {
            return MerkleHashes.emptyRoot();
        }
        if (n == 1) {
            return MerkleHashes.leafHash(d.getFirst());
        }
        int k = Integer.highestOneBit(n - 1);
        return MerkleHashes.nodeHash(mth(d.subList(0, k)), mth(d.subList(k, n)));
    }

    static List<byte[]> path(int m, List<byte[]> d) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (n == 1) {
            return out;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m < k) {
            out.addAll(path(m, d.subList(0, k)));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(path(m - k, d.subList(k, n)));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    static List<byte[]> proof(int m, List<byte[]> d) {
        return subproof(m, d, true);
    }

    private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
        int n = d.size();
        List<byte[]> out = new ArrayList<>();
        if (m == n) {
            if (!b) {
                out.add(mth(d));
            }
            return out;
        }
        int k = Integer.highestOneBit(n - 1);
        if (m <= k) {
            out.addAll(subproof(m, d.subList(0, k), b));
            out.add(mth(d.subList(k, n)));
        } else {
            out.addAll(subproof(m - k, d.subList(k, n), false));
            out.add(mth(d.subList(0, k)));
        }
        return out;
    }

    static List<byte[]> leaves(int n) {
        List<byte[]> d = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            d.add(("audit event " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return d;
    }
}
