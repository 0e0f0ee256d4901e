package besa.match.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Connected components over scored edges, strongest first, with cannot-link constraints: an edge
 * that would put two records judged different into one cluster is refused (and reported).
 */
public final class Clusters {
    public record Edge(int a, int b, double score) {}

    private final int[] parent;
    private final List<int[]> cannotLink = new ArrayList<>();
    private int refused;

    public Clusters(int n) {
        parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
    }

    public void cannotLink(int a, int b) {
        cannotLink.add(new int[] {a, b});
    }

    public int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /** Joins the components of a and b unless a cannot-link constraint forbids it; true if joined. */
    public boolean union(int a, int b) {
        int ra = find(a), rb = find(b);
        if (ra == rb) return true;
        for (int[] c : cannotLink) {
            int x = find(c[0]), y = find(c[1]);
            if ((x == ra && y == rb) || (x == rb && y == ra)) {
                refused++;
                return false;
            }
        }
        parent[Math.max(ra, rb)] = Math.min(ra, rb);
        return true;
    }

    /** Adds edges strongest first (so a constraint refuses the weakest link). */
    public void addAll(List<Edge> edges) {
        List<Edge> sorted = new ArrayList<>(edges);
        sorted.sort(Comparator.comparingDouble(Edge::score).reversed());
        for (Edge e : sorted) union(e.a(), e.b());
    }

    public int refused() {
        return refused;
    }

    /** Cluster number of each record: the smallest record index in its cluster. */
    public int[] labels() {
        int[] l = new int[parent.length];
        for (int i = 0; i < l.length; i++) l[i] = find(i);
        return l;
    }
}
