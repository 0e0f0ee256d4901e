package besa.vetting.screening;

import besa.vetting.screening.ColocationData.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Location events bucketed by grid cell (as wide as the distance limit), each cell's events sorted by
 * time: finding the events near a point within a time window is a few binary searches, however many
 * events there are and however long the window (a duty shift).
 */
final class ColocationIndex {
    /** A little under the true 111,195 m per degree of latitude, so that a cell is never narrower than the limit. */
    static final double METRES_PER_DEGREE = 110_000;
    private static final double EARTH_RADIUS_METRES = 6_371_008.8;

    private final List<Event> events;
    private final double latDegrees, lonDegrees, maxMetres;
    private final Map<Long, Cell> cells = new HashMap<>();

    private record Cell(long[] times, int[] events) {}

    ColocationIndex(List<Event> events, double maxMetres) {
        this.events = events;
        this.maxMetres = maxMetres;
        this.latDegrees = maxMetres / METRES_PER_DEGREE;
        // Cells twice as wide in longitude: a degree of longitude is at least half as long as one of latitude below 60°;
        // further north the search just looks at more cells (near()).
        this.lonDegrees = 2 * latDegrees;
        Map<Long, List<Integer>> byCell = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            byCell.computeIfAbsent(key(latCell(e.lat()), lonCell(e.lon())), k -> new ArrayList<>()).add(i);
        }
        byCell.forEach((key, list) -> {
            list.sort((a, b) -> Long.compare(events.get(a).epochSecond(), events.get(b).epochSecond()));
            long[] times = new long[list.size()];
            int[] idx = new int[list.size()];
            for (int j = 0; j < idx.length; j++) {
                idx[j] = list.get(j);
                times[j] = events.get(idx[j]).epochSecond();
            }
            cells.put(key, new Cell(times, idx));
        });
    }

    Event event(int i) {
        return events.get(i);
    }

    /** Each event within the distance limit of (lat, lon) whose time is within [from, to] (epoch seconds). */
    void near(double lat, double lon, long from, long to, IntConsumer hit) {
        int la = latCell(lat), lo = lonCell(lon);
        double metresPerLonCell = METRES_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(Math.min(89, Math.abs(lat)) + latDegrees))) * lonDegrees;
        int lonSpan = (int) Math.ceil(maxMetres / metresPerLonCell);
        for (int dla = -1; dla <= 1; dla++) {
            for (int dlo = -lonSpan; dlo <= lonSpan; dlo++) {
                Cell c = cells.get(key(la + dla, lo + dlo));
                if (c == null) continue;
                int i = lowerBound(c.times(), from);
                for (; i < c.times().length && c.times()[i] <= to; i++) {
                    Event e = events.get(c.events()[i]);
                    if (metres(lat, lon, e.lat(), e.lon()) <= maxMetres) hit.accept(c.events()[i]);
                }
            }
        }
    }

    private int latCell(double lat) {
        return (int) Math.floor(lat / latDegrees);
    }

    private int lonCell(double lon) {
        return (int) Math.floor(lon / lonDegrees);
    }

    private static long key(int latCell, int lonCell) {
        return ((long) latCell << 32) | (lonCell & 0xffffffffL);
    }

    private static int lowerBound(long[] a, long v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Great-circle distance in metres (haversine). */
    static double metres(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1), dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
