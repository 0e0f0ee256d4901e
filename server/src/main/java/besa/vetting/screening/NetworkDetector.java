package besa.vetting.screening;

import besa.intel.model.EntityType;
import besa.intel.store.IntelStore;
import besa.vetting.personnel.Officer.IdentifierKind;
import besa.vetting.screening.NetworkGraph.Link;
import besa.vetting.screening.NetworkGraph.Membership;
import besa.vetting.screening.NetworkStarts.Start;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Network proximity: an officer's phone, device or vehicle as it appears in intelligence, within two
 * hops of a member of a criminal group (a Person with a Membership of an Organization), through
 * communications, use, ownership, payments and personal relations. One finding per officer
 * identifier and group, explained by its best path (fewest hops, then most communications), with the
 * other members of the group it reaches.
 *
 * <p>Set-based and local: from the officers' identifier entities one query fetches their links, a
 * second the links of those neighbours that end at a member; the cost follows the neighbourhood of
 * the officers' identifiers, not the size of the store.
 */
@Component
public class NetworkDetector implements Detector {
    static final Set<IdentifierKind> KINDS = EnumSet.of(IdentifierKind.PHONE, IdentifierKind.IMEI, IdentifierKind.VEHICLE);

    private static final Logger log = LoggerFactory.getLogger(NetworkDetector.class);
    private final IntelStore store;

    NetworkDetector(IntelStore store) {
        this.store = store;
    }

    /** A way from an officer's identifier entity to a group: one link (the member is the neighbour) or two. */
    private record Path(String start, Link first, Link second, Membership membership) {
        int hops() {
            return second == null ? 1 : 2;
        }

        String member() {
            return membership.member();
        }

        List<Link> links() {
            return second == null ? List.of(first) : List.of(first, second);
        }

        Set<String> ids() {
            Set<String> ids = new LinkedHashSet<>();
            ids.add(start);
            for (Link l : links()) {
                ids.add(l.relation());
                ids.add(l.far());
            }
            ids.add(membership.relation());
            ids.add(membership.group());
            return ids;
        }
    }

    @Override
    public FactorKind kind() {
        return FactorKind.NETWORK;
    }

    @Override
    public void screen(ScreeningContext ctx, Consumer<Finding> out) {
        run(ctx, null, out);
    }

    @Override
    public void screenChanged(ScreeningContext ctx, Set<String> entityIds, Consumer<Finding> out) {
        if (!entityIds.isEmpty()) run(ctx, Set.copyOf(entityIds), out);
    }

    /** With {@code changed}, only findings one of whose paths involves a changed entity or relation. */
    private void run(ScreeningContext ctx, Set<String> changed, Consumer<Finding> out) {
        if (ctx.officers().isEmpty() || ctx.scope().readsNothing()) return;
        NetworkGraph graph = new NetworkGraph(ctx.jdbc(), ctx.scope());
        long t0 = System.nanoTime();
        Set<String> near = null;
        List<Start> starts;
        if (changed == null) {
            starts = NetworkStarts.find(ctx.jdbc(), ctx.scope(), ctx.officers(), KINDS);
        } else {
            // A path has at most three nodes (identifier, neighbour, member), so every node a path through a change touches lies
            // within two hops of its start: look only at identifiers within one hop of the changed nodes or of their neighbours.
            Set<String> touched = graph.touchedNodes(changed);
            if (touched.isEmpty()) return;
            near = new HashSet<>(touched);
            for (Link l : graph.links(touched, false)) near.add(l.far());
            starts = NetworkStarts.find(ctx.jdbc(), ctx.scope(), ctx.officers(), KINDS, graph.identifierKeysAround(near));
        }
        long t1 = System.nanoTime();
        if (starts.isEmpty()) return;
        Set<String> startIds = starts.stream().map(Start::entityId).collect(Collectors.toCollection(LinkedHashSet::new));
        if (near != null) {
            Set<String> affected = new HashSet<>();
            for (String s : startIds) if (near.contains(s)) affected.add(s);
            for (Link l : graph.linksTo(near, startIds)) affected.add(l.far());
            if (affected.isEmpty()) return;
            startIds.retainAll(affected);
        }
        List<Link> hop1 = graph.links(startIds, false);
        Map<String, List<Link>> firstLinks = hop1.stream().collect(Collectors.groupingBy(Link::near));
        Set<String> neighbours = hop1.stream().map(Link::far).collect(Collectors.toSet());
        Map<String, List<Link>> toMembers = graph.links(neighbours, true).stream().collect(Collectors.groupingBy(Link::near));

        Set<String> persons = new HashSet<>();
        hop1.stream().filter(l -> l.farType().equals(EntityType.Person.name())).forEach(l -> persons.add(l.far()));
        toMembers.values().forEach(ls -> ls.forEach(l -> persons.add(l.far())));
        Map<String, List<Membership>> memberships = graph.memberships(persons).stream().collect(Collectors.groupingBy(Membership::member));
        if (log.isDebugEnabled()) {
            log.debug("network: {} identifier entities in {} ms; {} first links, {} links to members, {} memberships in {} ms", startIds.size(),
                    (t1 - t0) / 1_000_000, hop1.size(), toMembers.values().stream().mapToInt(List::size).sum(), memberships.size(),
                    (System.nanoTime() - t1) / 1_000_000);
        }

        // Paths per start entity and group.
        Map<String, Map<String, List<Path>>> paths = new HashMap<>();
        for (String s : startIds) {
            for (Link first : firstLinks.getOrDefault(s, List.of())) {
                for (Membership m : memberships.getOrDefault(first.far(), List.of())) add(paths, new Path(s, first, null, m));
                for (Link second : toMembers.getOrDefault(first.far(), List.of())) {
                    if (second.far().equals(s) || second.far().equals(first.near())) continue;
                    for (Membership m : memberships.getOrDefault(second.far(), List.of())) add(paths, new Path(s, first, second, m));
                }
            }
        }
        if (paths.isEmpty()) return;

        Set<String> communications = new HashSet<>(), nodes = new HashSet<>();
        paths.values().forEach(byGroup -> byGroup.values().forEach(ps -> ps.forEach(p -> {
            p.links().stream().filter(l -> l.type().equals(EntityType.Communication.name())).forEach(l -> communications.add(l.relation()));
            nodes.add(p.start());
            p.links().forEach(l -> nodes.add(l.far()));
            nodes.add(p.membership().group());
        })));
        Map<String, Long> counts = graph.communicationCounts(communications);
        Map<String, EntityType> types = graph.types(nodes);
        Map<String, String> captions = store.visibleCaptions(types, ctx.scope());

        Set<String> done = new HashSet<>();
        for (Start start : starts) {
            if (!done.add(start.officerId() + "\u0000" + start.entityId())) continue; // one officer, two values on one entity
            Map<String, List<Path>> byGroup = paths.get(start.entityId());
            if (byGroup == null) continue;
            new TreeMap<>(byGroup).forEach((group, ps) -> {
                if (changed != null && ps.stream().noneMatch(p -> p.ids().stream().anyMatch(changed::contains))) return;
                out.accept(finding(start, group, ps, counts, types, captions));
            });
        }
    }

    private static void add(Map<String, Map<String, List<Path>>> paths, Path p) {
        paths.computeIfAbsent(p.start(), k -> new HashMap<>()).computeIfAbsent(p.membership().group(), k -> new ArrayList<>()).add(p);
    }

    private static long count(Link l, Map<String, Long> counts) {
        return counts.getOrDefault(l.relation(), l.type().equals(EntityType.Communication.name()) ? 1L : 0L);
    }

    private static long communications(Path p, Map<String, Long> counts) {
        return p.links().stream().filter(l -> l.type().equals(EntityType.Communication.name())).mapToLong(l -> count(l, counts)).sum();
    }

    private Finding finding(Start start, String group, List<Path> paths, Map<String, Long> counts, Map<String, EntityType> types,
            Map<String, String> captions) {
        Path best = paths.stream().min(Comparator.comparingInt(Path::hops)
                .thenComparing(Comparator.comparingLong((Path p) -> communications(p, counts)).reversed())
                .thenComparing(Path::member).thenComparing(p -> p.first().relation())
                .thenComparing(p -> p.second() == null ? "" : p.second().relation())).orElseThrow();
        Map<String, Integer> members = new TreeMap<>(); // member -> fewest hops
        paths.forEach(p -> members.merge(p.member(), p.hops(), Math::min));
        long comms = communications(best, counts);

        // 1 hop outweighs 2; communications along the path and more members of the group raise it.
        double weight = (best.hops() == 1 ? 0.6 : 0.35) + 0.1 * Math.min(1.0, Math.log10(1 + comms) / 2)
                + 0.05 * Math.min(members.size() - 1, 4);
        weight = Math.min(0.9, weight);

        List<Map<String, Object>> path = new ArrayList<>();
        path.add(node(start.entityId(), types, captions));
        best.links().forEach(l -> path.add(node(l.far(), types, captions)));
        path.add(node(group, types, captions));
        List<Map<String, Object>> links = new ArrayList<>();
        for (Link l : best.links()) {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("id", l.relation());
            link.put("from", l.subject());
            link.put("to", l.object());
            link.put("type", l.type());
            if (l.type().equals(EntityType.Communication.name())) link.put("count", count(l, counts));
            links.add(link);
        }
        links.add(Map.of("id", best.membership().relation(), "from", best.member(), "to", group, "type", EntityType.Membership.name()));

        List<NetworkSummary.Step> steps = best.links().stream().map(l -> new NetworkSummary.Step(l.type(), l.near().equals(l.subject()),
                types.getOrDefault(l.far(), EntityType.Person), caption(l.far(), captions),
                l.type().equals(EntityType.Communication.name()) ? counts.get(l.relation()) : null)).toList();
        String[] text = NetworkSummary.describe(start.kind(), start.value(), steps, caption(group, captions), members.size() - 1);

        Set<String> entities = new LinkedHashSet<>();
        paths.forEach(p -> entities.addAll(p.ids()));
        List<Map<String, Object>> memberList = new ArrayList<>();
        members.forEach((id, hops) -> memberList.add(Map.of("id", id, "caption", caption(id, captions), "hops", hops)));

        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("entities", List.copyOf(entities));
        evidence.put("identifier", Map.of("kind", start.kind().name(), "value", start.value()));
        evidence.put("hops", best.hops());
        evidence.put("communications", comms);
        evidence.put("path", path);
        evidence.put("links", links);
        evidence.put("group", group);
        evidence.put("members", memberList);
        return Finding.officer(start.officerId(), FactorKind.NETWORK, "NETWORK:" + start.entityId() + ":" + group, weight, text[0], text[1],
                evidence);
    }

    private static Map<String, Object> node(String id, Map<String, EntityType> types, Map<String, String> captions) {
        EntityType t = types.get(id);
        return Map.of("id", id, "type", t == null ? "" : t.name(), "caption", caption(id, captions));
    }

    private static String caption(String id, Map<String, String> captions) {
        String c = captions.get(id);
        return c == null || c.isBlank() ? id : c;
    }
}
