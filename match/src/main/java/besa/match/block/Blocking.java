package besa.match.block;

import besa.match.data.Records;
import besa.match.data.Schema;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Candidate pairs by blocking: an inverted index from key to the records of the indexed side, probed
 * with the keys of the other side (for deduplication both are one). A key is dropped when its block
 * would yield more than {@code maxPairsPerKey} pairs, so a common name cannot explode the work.
 * Candidates are generated per probe record and never stored: memory is proportional to the input.
 */
public final class Blocking {
    private final Records indexed, probe;
    private final boolean dedupe;
    private final long[][] probeKeys;
    private final Map<Long, int[]> postings;
    private final int keysDropped;
    private final int keysTotal;

    private Blocking(Records indexed, Records probe, boolean dedupe, long[][] probeKeys, Map<Long, int[]> postings, int keysDropped, int keysTotal) {
        this.indexed = indexed;
        this.probe = probe;
        this.dedupe = dedupe;
        this.probeKeys = probeKeys;
        this.postings = postings;
        this.keysDropped = keysDropped;
        this.keysTotal = keysTotal;
    }

    /** Blocking of probe records against indexed ones; pass the same Records twice to deduplicate. */
    public static Blocking build(Records indexed, Records probe, Schema schema, long maxPairsPerKey) {
        boolean dedupe = indexed == probe;
        long[][] idxKeys = new long[indexed.size()][];
        IntStream.range(0, indexed.size()).parallel().forEach(r -> idxKeys[r] = BlockingKeys.of(indexed.values(r), schema));
        long[][] probeKeys = dedupe ? idxKeys : new long[probe.size()][];
        if (!dedupe) IntStream.range(0, probe.size()).parallel().forEach(r -> probeKeys[r] = BlockingKeys.of(probe.values(r), schema));

        Map<Long, int[]> counts = new HashMap<>();
        for (long[] ks : idxKeys) for (long k : ks) counts.computeIfAbsent(k, x -> new int[2])[0]++;
        if (!dedupe) {
            Map<Long, int[]> shared = new ConcurrentHashMap<>(counts);
            Arrays.stream(probeKeys).parallel().forEach(ks -> {
                for (long k : ks) {
                    int[] c = shared.get(k);
                    if (c != null) synchronized (c) { c[1]++; }
                }
            });
        }
        Map<Long, int[]> postings = new HashMap<>();
        int dropped = 0;
        for (var e : counts.entrySet()) {
            long n = e.getValue()[0];
            long pairs = dedupe ? n * (n - 1) / 2 : n * e.getValue()[1];
            if (pairs > maxPairsPerKey) dropped++;
            else if (pairs > 0) postings.put(e.getKey(), new int[e.getValue()[0] + 1]); // [0] = fill
        }
        for (int r = 0; r < idxKeys.length; r++) {
            for (long k : idxKeys[r]) {
                int[] p = postings.get(k);
                if (p != null) p[++p[0]] = r;
            }
        }
        return new Blocking(indexed, probe, dedupe, probeKeys, postings, dropped, counts.size());
    }

    public Records indexed() {
        return indexed;
    }

    public Records probe() {
        return probe;
    }

    public boolean dedupe() {
        return dedupe;
    }

    /** Keys dropped by the frequency cap, and all keys of the indexed side. */
    public int keysDropped() {
        return keysDropped;
    }

    public int keysTotal() {
        return keysTotal;
    }

    /** A per-thread buffer for {@link #candidates}. */
    public static final class Cursor {
        final int[] seen;
        int[] out = new int[256];

        Cursor(int n) {
            seen = new int[n];
            Arrays.fill(seen, -1);
        }
    }

    public Cursor cursor() {
        return new Cursor(indexed.size());
    }

    /**
     * Candidates of probe record p (indices into the indexed side), written into the cursor's buffer;
     * returns how many. For deduplication, only records after p are returned, so each pair comes once.
     */
    public int candidates(int p, Cursor cur) {
        int n = 0;
        for (long k : probeKeys[p]) {
            int[] post = postings.get(k);
            if (post == null) continue;
            for (int i = 1; i <= post[0]; i++) {
                int r = post[i];
                if (cur.seen[r] == p || (dedupe && r <= p)) continue;
                cur.seen[r] = p;
                if (n == cur.out.length) cur.out = Arrays.copyOf(cur.out, n * 2);
                cur.out[n++] = r;
            }
        }
        return n;
    }

    public int[] buffer(Cursor cur) {
        return cur.out;
    }

    /** Whether a pair would be compared (shares a key that the cap kept); for pairs-completeness. */
    public boolean isCandidate(int p, int r) {
        for (long k : probeKeys[p]) {
            int[] post = postings.get(k);
            if (post == null) continue;
            for (int i = 1; i <= post[0]; i++) if (post[i] == r) return true;
        }
        return false;
    }

    /** All pairs without blocking: the denominator of the reduction ratio. */
    public double totalPairs() {
        return dedupe ? (double) indexed.size() * (indexed.size() - 1) / 2 : (double) indexed.size() * probe.size();
    }
}
