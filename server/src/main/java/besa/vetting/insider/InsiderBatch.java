package besa.vetting.insider;

import besa.access.ReadScope;
import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditFilter;
import besa.audit.AuditOutcome;
import besa.audit.AuditSearch;
import besa.audit.AuditStore;
import besa.audit.FoundEntry;
import besa.audit.RecordedEvent;
import besa.intel.model.Handling;
import besa.intel.model.PropertyType;
import besa.intel.search.SearchHit;
import besa.intel.search.SearchQuery;
import besa.intel.search.SearchService;
import besa.match.normalize.Imeis;
import besa.match.normalize.Names;
import besa.match.normalize.Phones;
import besa.vetting.OfficerPseudonyms;
import besa.vetting.alert.AlertWriter;
import besa.vetting.personnel.Officer;
import besa.vetting.personnel.PersonnelRegister;
import besa.vetting.screening.FactorKind;
import besa.vetting.screening.Finding;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One batch of audit entries through the watch's rules, inside the caller's system transaction.
 * Only consultations by users count (the application's own work and anonymous requests do not).
 * A consultation's target is an entity id (entity reads: {@code /api/entities/{id}}, {@code /entities/{id}...})
 * or a search text; a refused request also leaves a DENIED entry, which counts as an attempt.
 * <ul>
 * <li>entity reads: canary, operation target without live membership at the time, linked to the
 * user's officer ({@link SelfLinks});</li>
 * <li>searches: the trail keeps the text, not the results, so when the text shares a search key with a
 * canary the search is run again (everything, first 100 hits) and a canary among the hits counts;</li>
 * <li>every consultation adds to the user's day in {@code insider_activity}; each day the batch touched
 * is then judged against his previous days (volume, hours).</li>
 * </ul>
 * Findings of one rule, entity and day share a key; their audit entries accumulate across batches.
 */
final class InsiderBatch {
    static final String ORIGIN = "INSIDER";
    /** Audit entry numbers kept as evidence per finding: enough to show, bounded for huge days. */
    static final int MAX_ENTRIES = 500;
    private static final int REPLAY_HITS = 100;

    private final JdbcClient jdbc;
    private final AlertWriter alerts;
    private final PersonnelRegister personnel;
    private final OfficerPseudonyms pseudonyms;
    private final SearchService search;
    private final AuditSearch auditSearch;
    private final InsiderSettings settings;
    private final JsonMapper json = JsonMapper.builder().build();

    /** Officers' links, computed once per run (a run's batches share them). */
    private final Map<String, SelfLinks> links;

    InsiderBatch(JdbcClient jdbc, AlertWriter alerts, PersonnelRegister personnel, OfficerPseudonyms pseudonyms, SearchService search,
                 AuditSearch auditSearch, InsiderSettings settings, Map<String, SelfLinks> links) {
        this.pseudonyms = pseudonyms;
        this.links = links;
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.personnel = personnel;
        this.search = search;
        this.auditSearch = auditSearch;
        this.settings = settings;
    }

    record Outcome(long cursor, long entries, long lookups, long findings, long created, long updated, long reopened) {
        Outcome withCursor(long c, long n) {
            return new Outcome(c, n, lookups, findings, created, updated, reopened);
        }
    }

    /** A finding being gathered: one rule, one entity (or none), one day. */
    private static final class Acc {
        final InsiderRule rule;
        final String entity;
        final LocalDate day;
        final TreeSet<Long> entries = new TreeSet<>();
        int denied;
        String via = "";
        final Map<String, Object> extra = new LinkedHashMap<>();

        Acc(InsiderRule rule, String entity, LocalDate day) {
            this.rule = rule;
            this.entity = entity;
            this.day = day;
        }

        String key() {
            return rule.name() + (entity == null ? "" : ":" + entity) + ":" + day;
        }
    }

    private record Lookup(RecordedEvent entry, String user, LocalDate day, int hour) {}

    private record Target(String type, String caption) {}

    private record Membership(String user, Instant from, Instant until) {}

    Outcome process(List<RecordedEvent> events) {
        return process(events, false);
    }

    /**
     * Reads of canaries only, for entries the watch already processed (a canary marked again after a gap:
     * see {@link InsiderWatch}); the other rules and the activity profile saw these entries already.
     */
    Outcome canaryRescan(List<RecordedEvent> events) {
        return process(events, true);
    }

    private Outcome process(List<RecordedEvent> events, boolean canaryOnly) {
        List<Lookup> lookups = new ArrayList<>();
        for (RecordedEvent r : events) {
            AuditEvent e = r.event();
            if (e.action() != AuditAction.CONSULTATION || e.outcome() == AuditOutcome.FAILED) continue;
            if (e.actor().equals(AuditEvent.SYSTEM) || e.actor().equals("anonymous") || e.actor().equals(AuditStore.UNDECODABLE)) continue;
            ZonedDateTime local = r.at().atZone(settings.zone());
            lookups.add(new Lookup(r, e.actor(), local.toLocalDate(), local.getHour()));
        }
        if (lookups.isEmpty()) return new Outcome(0, 0, 0, 0, 0, 0, 0);

        Map<String, Map<String, Acc>> found = new LinkedHashMap<>();
        Map<String, Target> entities = entities(lookups);
        CanaryPeriods canaries = CanaryPeriods.load(jdbc, settings.canaryWindow());
        Map<String, String> officers = officers(lookups);
        Map<String, List<Map.Entry<Long, String>>> operations = operations(entities.keySet()); // entity -> (compartment, reference)
        Map<Long, List<Membership>> members = members(operations);
        CanaryReplay replay = canaries.isEmpty() ? null : new CanaryReplay(canaries.entities());
        Map<String, String> byPseudonym = null; // built on the first vetting read of the batch

        for (Lookup l : lookups) {
            AuditEvent e = l.entry().event();
            boolean denied = e.outcome() == AuditOutcome.DENIED;
            String id = entityId(e.target());
            if (id != null && entities.containsKey(id)) {
                if (canaries.at(id, l.entry().at())) add(found, l, InsiderRule.CANARY, id, denied);
                if (canaryOnly) continue;
                for (Map.Entry<Long, String> op : operations.getOrDefault(id, List.of())) {
                    if (!member(members.getOrDefault(op.getKey(), List.of()), l.user(), l.entry().at())) {
                        add(found, l, InsiderRule.OPERATION, id, denied).via = op.getValue();
                    }
                }
                String officer = officers.get(l.user());
                if (officer != null) {
                    SelfLinks.Link link = links.computeIfAbsent(officer, this::selfLinks).of(id);
                    if (link != null) add(found, l, link.rule(), id, denied).via = link.via();
                }
            } else if (canaryOnly) {
                continue;
            } else if (OfficerPseudonyms.isPseudonym(e.target())) {
                String officer = officers.get(l.user());
                if (officer != null) {
                    if (byPseudonym == null) byPseudonym = pseudonymIndex();
                    vettingRead(found, l, officer, e.target().strip().toLowerCase(Locale.ROOT), byPseudonym);
                }
            } else if (replay != null && !denied && searchLike(e.target())) {
                for (String canary : replay.hits(e.target())) {
                    if (canaries.at(canary, l.entry().at())) add(found, l, InsiderRule.CANARY, canary, false).extra.put("search", e.target());
                }
            }
        }
        if (!canaryOnly) judgeDays(found, recordActivity(lookups));
        // Captions of canaries found through searches (their ids were not among the read targets).
        Set<String> missing = new HashSet<>();
        found.values().forEach(m -> m.values().forEach(a -> {
            if (a.entity != null && !entities.containsKey(a.entity)) missing.add(a.entity);
        }));
        if (!missing.isEmpty()) entities.putAll(targets(missing));

        long findings = 0, created = 0, updated = 0, reopened = 0;
        for (Map.Entry<String, Map<String, Acc>> u : found.entrySet()) {
            String user = u.getKey();
            String officer = officers.get(user);
            Map<String, List<Long>> held = heldEntries(officer, user, u.getValue().keySet());
            List<Finding> list = new ArrayList<>();
            for (Acc a : u.getValue().values()) {
                a.entries.addAll(held.getOrDefault(a.key(), List.of()));
                list.add(finding(officer, user, a, entities.get(a.entity)));
            }
            findings += list.size();
            switch (alerts.merge(ORIGIN, officer, user, Set.of(), list).change()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case REOPENED -> reopened++;
                case NONE -> { }
            }
        }
        return new Outcome(0, 0, lookups.size(), findings, created, updated, reopened);
    }

    /**
     * A vetting read of a personnel record ({@code officer#…} target) linked to the reader: his relative,
     * housemate or own record. Applies the self-link rules of intelligence reads to the register.
     */
    private void vettingRead(Map<String, Map<String, Acc>> found, Lookup l, String officer, String pseudonym, Map<String, String> byPseudonym) {
        String readId = byPseudonym.get(pseudonym);
        if (readId == null) return;
        Officer self = personnel.find(officer).orElse(null);
        Officer read = personnel.find(readId).orElse(null);
        if (self == null || read == null) return;
        SelfLinks.Link link = SelfLinks.vettingRead(self, links.computeIfAbsent(officer, this::selfLinks), read,
                links.computeIfAbsent(readId, this::selfLinks));
        if (link != null) add(found, l, link.rule(), pseudonym, l.entry().event().outcome() == AuditOutcome.DENIED).via = link.via();
    }

    /** Pseudonym to officer id for every officer of the register (a keyed hash each; only for batches with vetting reads). */
    private Map<String, String> pseudonymIndex() {
        Map<String, String> out = new HashMap<>();
        for (String id : personnel.ids()) out.put(pseudonyms.of(id), id);
        return out;
    }

    private SelfLinks selfLinks(String officerId) {
        return personnel.find(officerId).map(o -> SelfLinks.of(jdbc, o)).orElse(SelfLinks.NONE);
    }

    private static Acc add(Map<String, Map<String, Acc>> found, Lookup l, InsiderRule rule, String entity, boolean denied) {
        Acc a = new Acc(rule, entity, l.day());
        Acc held = found.computeIfAbsent(l.user(), k -> new LinkedHashMap<>()).putIfAbsent(a.key(), a);
        Acc acc = held == null ? a : held;
        acc.entries.add(l.entry().index());
        if (denied) acc.denied++;
        return acc;
    }

    /** The entity id an entity read names: the first path segment of the target ({@code id}, {@code id/neighbours}). */
    static String entityId(String target) {
        if (target.isEmpty() || target.startsWith("/") || target.contains(" ") || target.contains("?")) return null;
        int slash = target.indexOf('/');
        String raw = slash < 0 ? target : target.substring(0, slash);
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    /** Consultations that may be searches: not listings ({@code /api/entities?...}), not the trail's or vetting's own pages. */
    private static boolean searchLike(String target) {
        String t = target.strip().toLowerCase(Locale.ROOT);
        return !t.isEmpty() && !t.startsWith("/") && !t.startsWith("vetting") && !t.startsWith("audit trail") && t.length() <= SearchQuery.MAX_TEXT;
    }

    private Map<String, Target> entities(List<Lookup> lookups) {
        Set<String> ids = new HashSet<>();
        for (Lookup l : lookups) {
            String id = entityId(l.entry().event().target());
            if (id != null) ids.add(id);
        }
        return targets(ids);
    }

    private Map<String, Target> targets(Set<String> ids) {
        Map<String, Target> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        jdbc.sql("select id, type, caption from entity where id = any(?)").param(ids.toArray(String[]::new))
                .query((rs, n) -> out.put(rs.getString(1), new Target(rs.getString(2), rs.getString(3)))).list();
        return out;
    }

    private Map<String, String> officers(List<Lookup> lookups) {
        Set<String> users = new HashSet<>();
        lookups.forEach(l -> users.add(l.user()));
        Map<String, String> out = new HashMap<>();
        jdbc.sql("select username, officer_id from app_user where username = any(?) and officer_id is not null and officer_id <> ''")
                .param(users.toArray(String[]::new))
                .query((rs, n) -> out.put(rs.getString(1), rs.getString(2))).list();
        return out;
    }

    private Map<String, List<Map.Entry<Long, String>>> operations(Set<String> ids) {
        Map<String, List<Map.Entry<Long, String>>> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        jdbc.sql("""
                select ce.entity_id, c.id, c.reference from compartment_entity ce join compartment c on c.id = ce.compartment_id
                where ce.kind = 'OPERATION' and ce.entity_id = any(?)""")
                .param(ids.toArray(String[]::new))
                .query((rs, n) -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(Map.entry(rs.getLong(2), rs.getString(3))))
                .list();
        return out;
    }

    private Map<Long, List<Membership>> members(Map<String, List<Map.Entry<Long, String>>> operations) {
        Set<Long> ids = new HashSet<>();
        operations.values().forEach(l -> l.forEach(e -> ids.add(e.getKey())));
        Map<Long, List<Membership>> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        jdbc.sql("select compartment_id, username, granted_at, revoked_at from compartment_member where compartment_id = any(?)")
                .param(ids.toArray(Long[]::new))
                .query((rs, n) -> out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Membership(rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant())))
                .list();
        return out;
    }

    /** A live member at that moment: granted before, not yet revoked. */
    private static boolean member(List<Membership> members, String user, Instant at) {
        return members.stream().anyMatch(m -> m.user().equals(user) && !m.from().isAfter(at) && (m.until() == null || m.until().isAfter(at)));
    }

    /** A user's day: consultations and the mask of hours (bit h: some consultation in local hour h). */
    private record Day(String user, LocalDate day) {}

    /** Adds the batch's consultations to each user's days (one statement); returns the days touched. */
    private Set<Day> recordActivity(List<Lookup> lookups) {
        Map<Day, int[]> days = new LinkedHashMap<>();
        for (Lookup l : lookups) {
            if (l.entry().event().outcome() != AuditOutcome.SUCCESS) continue; // a refused request's DENIED entry follows its own SUCCESS entry
            int[] d = days.computeIfAbsent(new Day(l.user(), l.day()), k -> new int[2]);
            d[0]++;
            d[1] |= 1 << l.hour();
        }
        if (days.isEmpty()) return days.keySet();
        List<Day> keys = List.copyOf(days.keySet());
        jdbc.sql("""
                insert into insider_activity as a (username, day, consultations, hours)
                select * from unnest(?::text[], ?::date[], ?::int[], ?::int[])
                on conflict (username, day) do update set consultations = a.consultations + excluded.consultations, hours = a.hours | excluded.hours""")
                .params(keys.stream().map(Day::user).toArray(String[]::new), keys.stream().map(d -> Date.valueOf(d.day())).toArray(Date[]::new),
                        keys.stream().map(d -> days.get(d)[0]).toArray(Integer[]::new), keys.stream().map(d -> days.get(d)[1]).toArray(Integer[]::new))
                .update();
        return days.keySet();
    }

    /** Judges each touched day against the user's previous days, reading every baseline in one query. */
    private void judgeDays(Map<String, Map<String, Acc>> found, Set<Day> touched) {
        if (touched.isEmpty()) return;
        LocalDate first = touched.stream().map(Day::day).min(LocalDate::compareTo).orElseThrow();
        LocalDate last = touched.stream().map(Day::day).max(LocalDate::compareTo).orElseThrow();
        Map<String, Map<LocalDate, int[]>> activity = new HashMap<>();
        jdbc.sql("select username, day, consultations, hours from insider_activity where username = any(?) and day >= ? and day <= ?")
                .params(touched.stream().map(Day::user).distinct().toArray(String[]::new), Date.valueOf(first.minusDays(settings.historyDays())),
                        Date.valueOf(last))
                .query((rs, n) -> activity.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                        .put(rs.getDate(2).toLocalDate(), new int[] {rs.getInt(3), rs.getInt(4)}))
                .list();
        for (Day d : touched) {
            Map<LocalDate, int[]> days = activity.getOrDefault(d.user(), Map.of());
            int[] today = days.get(d.day());
            if (today == null) continue;
            List<int[]> history = new ArrayList<>();
            for (int i = 1; i <= settings.historyDays(); i++) {
                int[] h = days.get(d.day().minusDays(i));
                if (h != null && h[0] > 0) history.add(h);
            }
            judgeDay(found, d.user(), d.day(), today, history);
        }
    }

    /** Volume and hours of one user's day against his previous days with consultations. */
    private void judgeDay(Map<String, Map<String, Acc>> found, String user, LocalDate day, int[] today, List<int[]> history) {
        if (history.size() < settings.minHistoryDays()) return; // too little history to call anything unusual
        double mean = history.stream().mapToInt(h -> h[0]).average().orElse(0);
        double sd = Math.sqrt(history.stream().mapToDouble(h -> (h[0] - mean) * (h[0] - mean)).sum() / history.size());
        double threshold = Math.max(settings.volumeFloor(), mean + settings.sigmas() * sd);
        if (today[0] >= settings.volumeFloor() && today[0] > mean + settings.sigmas() * sd) {
            Acc a = new Acc(InsiderRule.VOLUME, null, day);
            a.entries.addAll(entriesOf(user, day, 0, 24));
            a.extra.put("count", today[0]);
            a.extra.put("mean", round(mean));
            a.extra.put("sigma", round(sd));
            a.extra.put("threshold", round(threshold));
            a.extra.put("historyDays", history.size());
            found.computeIfAbsent(user, k -> new LinkedHashMap<>()).put(a.key(), a);
        }
        int worked = 0;
        for (int[] h : history) worked |= h[1];
        int unusual = today[1] & ~worked;
        if (unusual != 0) {
            Acc a = new Acc(InsiderRule.HOURS, null, day);
            List<Integer> hours = new ArrayList<>();
            for (int h = 0; h < 24; h++) {
                if ((unusual & (1 << h)) == 0) continue;
                hours.add(h);
                a.entries.addAll(entriesOf(user, day, h, h + 1));
            }
            a.extra.put("hours", hours);
            List<Integer> usual = new ArrayList<>();
            for (int h = 0; h < 24; h++) if ((worked & (1 << h)) != 0) usual.add(h);
            a.extra.put("usualHours", usual);
            found.computeIfAbsent(user, k -> new LinkedHashMap<>()).put(a.key(), a);
        }
    }

    /** His successful consultations that day between two local hours, from the trail itself (newest first, bounded). */
    private List<Long> entriesOf(String user, LocalDate day, int fromHour, int toHour) {
        Instant from = day.atTime(fromHour, 0).atZone(settings.zone()).toInstant();
        Instant to = (toHour == 24 ? day.plusDays(1).atStartOfDay() : day.atTime(toHour, 0)).atZone(settings.zone()).toInstant();
        AuditFilter f = new AuditFilter(user, "", EnumSet.of(AuditAction.CONSULTATION), AuditOutcome.SUCCESS, from, to, "", "", "");
        return auditSearch.search(f, null, MAX_ENTRIES).entries().stream().map(FoundEntry::index).toList();
    }

    private static double round(double x) {
        return Math.round(x * 10) / 10.0;
    }

    /** The audit entries the alert already holds for these keys (evidence accumulates across batches). */
    private Map<String, List<Long>> heldEntries(String officer, String user, Set<String> keys) {
        Map<String, List<Long>> out = new HashMap<>();
        jdbc.sql("""
                select f.key, f.evidence -> 'auditEntries' from vetting_factor f join vetting_alert a on a.id = f.alert_id
                where a.origin = ? and coalesce(a.officer_id, '') = ? and coalesce(a.username, '') = ? and f.key = any(?)""")
                .params(ORIGIN, officer == null ? "" : officer, user, keys.toArray(String[]::new))
                .query((rs, n) -> {
                    List<Long> ids = new ArrayList<>();
                    String raw = rs.getString(2);
                    if (raw != null) for (JsonNode x : json.readTree(raw)) ids.add(x.asLong());
                    return out.put(rs.getString(1), ids);
                }).list();
        return out;
    }

    private Finding finding(String officer, String user, Acc a, Target target) {
        List<Long> entries = new ArrayList<>(a.entries);
        int total = entries.size();
        if (total > MAX_ENTRIES) entries = entries.subList(0, MAX_ENTRIES);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("rule", a.rule.name());
        evidence.put("auditEntries", entries);
        evidence.put("entries", total);
        evidence.put("day", a.day.toString());
        evidence.put("entities", a.entity == null ? List.of() : List.of(a.entity));
        if (a.denied > 0) evidence.put("denied", a.denied);
        if (!a.via.isEmpty()) evidence.put("via", a.via);
        evidence.putAll(a.extra);
        String what = a.entity == null ? "" : (target == null ? a.entity : target.caption() + " (" + a.entity + ")");
        String[] text = InsiderTexts.summary(a.rule, what, a.day, total, a.denied, a.via, a.extra);
        return new Finding(officer, user, FactorKind.INSIDER, a.key(), a.rule.weight(), text[0], text[1], evidence);
    }

    /** Re-runs searches whose text could reach a canary, and says which canaries they would show. */
    private final class CanaryReplay {
        private final Set<String> canaries;
        private final Set<String> vocabulary;
        private final Map<String, List<String>> done = new HashMap<>();

        CanaryReplay(Set<String> canaries) {
            this.canaries = canaries;
            this.vocabulary = new HashSet<>(jdbc.sql("select distinct sk.key from search_key sk where sk.entity_id = any(?)").param(canaries.toArray(String[]::new))
                    .query(String.class).list());
        }

        List<String> hits(String text) {
            return done.computeIfAbsent(text.strip(), t -> mayReach(t) ? run(t) : List.of());
        }

        private boolean mayReach(String text) {
            Set<String> keys = new HashSet<>();
            Phones.toE164(text).ifPresent(keys::add);
            Imeis.core(text).ifPresent(keys::add);
            keys.add(text.replaceAll("[\\s./-]", "").toUpperCase(Locale.ROOT));
            for (String token : PropertyType.nameTokens(text)) {
                keys.add(Names.fold(token).replace(" ", ""));
                keys.addAll(Names.searchKeys(token));
                keys.add(token.toLowerCase(Locale.ROOT));
            }
            keys.retainAll(vocabulary);
            return !keys.isEmpty();
        }

        private List<String> run(String text) {
            try {
                return search.search(new SearchQuery(text, Set.of(), Set.of(), Handling.H3, 0, REPLAY_HITS), ReadScope.system()).hits().stream()
                        .map(SearchHit::entityId).filter(canaries::contains).toList();
            } catch (RuntimeException e) { // not a search text after all (a listing, a bad query): nothing it could have shown
                return List.of();
            }
        }
    }
}
