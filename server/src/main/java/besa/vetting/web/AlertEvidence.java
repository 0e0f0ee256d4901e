package besa.vetting.web;

import besa.vetting.alert.Factor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * A factor's evidence as the alert page shows it, read from the shapes the detectors write (see
 * {@code docs/vetting.md}): the intelligence entities, a NETWORK factor's path as a drawing plus a
 * text list (the accessible alternative), a COLOCATION factor's coinciding events as a table plus a
 * day-by-hour timeline. Anything missing or malformed shows as nothing rather than failing the page.
 */
public record AlertEvidence(Factor factor, List<String> entities, List<Step> path, String graph, List<Event> events, List<Day> days,
        Map<String, String> other) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One node of a network path and the relation that leads on to the next node (null for the last). */
    public record Step(String id, String type, String caption, String linkToNext) {
        public String label() {
            return caption == null || caption.isBlank() ? id : caption;
        }
    }

    /** One coinciding event. */
    public record Event(Instant at, String place, Object lat, Object lon, String crypto, String officer, Object metres, Object minutes) {
        public boolean duty() {
            return "duty".equals(officer);
        }
    }

    /** One day of the timeline, its events placed by time of day (UTC) as a percentage of the day. */
    public record Day(LocalDate date, List<Mark> marks) {}

    public record Mark(double left, String time, String label) {
        public String style() {
            return "left: " + String.format(java.util.Locale.ROOT, "%.2f", left) + "%";
        }
    }

    static AlertEvidence of(Factor f) {
        Map<String, Object> e = f.evidence();
        List<String> entities = strings(e.get("entities"));
        List<Step> path = new ArrayList<>();
        String graph = null;
        if (e.get("path") instanceof List<?> nodes && !nodes.isEmpty()) {
            List<Map<?, ?>> links = maps(e.get("links"));
            List<Map<?, ?>> list = maps(nodes);
            for (int i = 0; i < list.size(); i++) {
                Map<?, ?> n = list.get(i);
                String next = null;
                if (i + 1 < list.size()) {
                    String a = str(n.get("id")), b = str(list.get(i + 1).get("id"));
                    next = links.stream().filter(l -> a.equals(str(l.get("from"))) && b.equals(str(l.get("to")))
                                    || b.equals(str(l.get("from"))) && a.equals(str(l.get("to"))))
                            .map(l -> str(l.get("type"))).findFirst().orElse("");
                }
                path.add(new Step(str(n.get("id")), str(n.get("type")), str(n.get("caption")), next));
            }
            graph = graph(list, links);
        }
        List<Event> events = new ArrayList<>();
        for (Map<?, ?> m : maps(e.get("events"))) {
            Instant at = instant(m.get("at"));
            events.add(new Event(at, str(m.get("place")), m.get("lat"), m.get("lon"), str(m.get("crypto")), str(m.get("officer")),
                    m.get("metres"), m.get("minutes")));
        }
        events.sort((a, b) -> a.at() == null ? 1 : b.at() == null ? -1 : a.at().compareTo(b.at()));
        Map<String, String> other = new LinkedHashMap<>();
        e.forEach((k, v) -> {
            if (!List.of("entities", "path", "links", "events").contains(k)) other.put(k, plain(v));
        });
        return new AlertEvidence(f, entities, path, graph, events, days(events), other);
    }

    /** Cytoscape elements: the path's nodes in order (with their position on the path) and every link. */
    private static String graph(List<Map<?, ?>> nodes, List<Map<?, ?>> links) {
        List<Map<String, Object>> elements = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Map<?, ?> n : nodes) {
            String id = str(n.get("id"));
            if (id.isEmpty() || seen.containsKey(id)) continue;
            seen.put(id, seen.size());
            String caption = str(n.get("caption"));
            elements.add(Map.of("group", "nodes", "data", Map.of("id", id, "label", caption.isEmpty() ? id : caption, "type", str(n.get("type")),
                    "order", seen.get(id), "href", "/entities/" + id)));
        }
        int i = 0;
        for (Map<?, ?> l : links) {
            String from = str(l.get("from")), to = str(l.get("to"));
            if (!seen.containsKey(from) || !seen.containsKey(to)) continue; // a link to a node the path does not show
            elements.add(Map.of("group", "edges", "data", Map.of("id", "l" + i++, "source", from, "target", to, "label", str(l.get("type")))));
        }
        return JSON.writeValueAsString(elements);
    }

    private static List<Day> days(List<Event> events) {
        TreeMap<LocalDate, List<Mark>> byDay = new TreeMap<>();
        for (Event ev : events) {
            if (ev.at() == null) continue;
            ZonedDateTime t = ev.at().atZone(ZoneOffset.UTC);
            double left = (t.getHour() * 60 + t.getMinute()) / 1440.0 * 100;
            String time = String.format("%02d:%02d", t.getHour(), t.getMinute());
            byDay.computeIfAbsent(t.toLocalDate(), d -> new ArrayList<>()).add(new Mark(left, time, time + " " + ev.place()));
        }
        List<Day> out = new ArrayList<>();
        byDay.forEach((d, marks) -> out.add(new Day(d, marks)));
        return out;
    }

    /** A value as a person reads it: a map's values side by side, a list's items separated by commas. */
    private static String plain(Object v) {
        if (v instanceof Map<?, ?> m) return String.join(" ", m.values().stream().map(AlertEvidence::plain).toList());
        if (v instanceof List<?> l) return String.join(", ", l.stream().map(AlertEvidence::plain).toList());
        return v == null ? "" : v.toString();
    }

    static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) for (Object x : l) if (x != null) out.add(x.toString());
        return out;
    }

    private static List<Map<?, ?>> maps(Object o) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (o instanceof List<?> l) for (Object x : l) if (x instanceof Map<?, ?> m) out.add(m);
        return out;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    private static Instant instant(Object o) {
        if (o == null) return null;
        try {
            return Instant.parse(o.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
