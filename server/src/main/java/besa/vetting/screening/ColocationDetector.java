package besa.vetting.screening;

import besa.intel.model.EntityType;
import besa.intel.store.IntelStore;
import besa.vetting.personnel.Officer;
import besa.vetting.screening.ColocationData.Cryptophone;
import besa.vetting.screening.ColocationData.Event;
import besa.vetting.screening.NetworkStarts.Start;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Co-location (pattern of life), the way cryptophone users are attributed in court: a cryptophone's
 * location events that repeatedly coincide in time and place with the officer's own phone's location
 * events or with his duty postings. An event coincides within {@code max-minutes} and {@code max-metres}
 * (haversine); each cryptophone event counts at most once; an officer is reported when at least
 * {@code min-coincidences} coincidences fall on at least {@code min-days} distinct days (Tirana time).
 * Settings under {@code besa.vetting.colocation.*}.
 */
@Component
public class ColocationDetector implements Detector {
    static final ZoneId TIRANA = ZoneId.of("Europe/Tirane");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TIRANA);

    /** The thresholds (which services are cryptophones is {@link Cryptophones}' one list, shared with the contradictions). */
    record Settings(int maxMinutes, int maxMetres, int minCoincidences, int minDays) {
        Settings {
            if (maxMinutes < 0 || maxMetres <= 0 || minCoincidences < 1 || minDays < 1) {
                throw new IllegalArgumentException("besa.vetting.colocation: max-minutes >= 0, max-metres > 0, min-coincidences >= 1, min-days >= 1");
            }
        }
    }

    /** One cryptophone event matched with the officer's phone event ({@code officerEvent}) or duty. */
    private record Match(Event crypto, Event officerEvent, Officer.Duty duty, double metres, long seconds) {
        boolean phone() {
            return officerEvent != null;
        }
    }

    private static final Comparator<Match> BETTER = Comparator.comparing((Match m) -> !m.phone()) // his own phone is the stronger evidence
            .thenComparingLong(Match::seconds).thenComparingDouble(Match::metres);

    private static final Logger log = LoggerFactory.getLogger(ColocationDetector.class);
    private final IntelStore store;
    private final Settings settings;

    ColocationDetector(IntelStore store,
            @Value("${besa.vetting.colocation.max-minutes:20}") int maxMinutes,
            @Value("${besa.vetting.colocation.max-metres:500}") int maxMetres,
            @Value("${besa.vetting.colocation.min-coincidences:3}") int minCoincidences,
            @Value("${besa.vetting.colocation.min-days:2}") int minDays) {
        this.store = store;
        this.settings = new Settings(maxMinutes, maxMetres, minCoincidences, minDays);
    }

    Settings settings() {
        return settings;
    }

    @Override
    public FactorKind kind() {
        return FactorKind.COLOCATION;
    }

    @Override
    public void screen(ScreeningContext ctx, Consumer<Finding> out) {
        run(ctx, null, out);
    }

    /**
     * Re-evaluates the cryptophones whose events (or whose record) changed against every officer, and,
     * when an officer's phone events changed, every cryptophone against that officer.
     */
    @Override
    public void screenChanged(ScreeningContext ctx, Set<String> entityIds, Consumer<Finding> out) {
        if (!entityIds.isEmpty()) run(ctx, Set.copyOf(entityIds), out);
    }

    private void run(ScreeningContext ctx, Set<String> changed, Consumer<Finding> out) {
        if (ctx.officers().isEmpty() || ctx.scope().readsNothing()) return;
        long t0 = System.nanoTime();
        ColocationData data = new ColocationData(ctx.jdbc(), ctx.scope());
        // Only a change to something that has location events (a new event, or a phone or account that has some) can change
        // a co-location: most changes have none, and need neither the cryptophones nor the officers' phones loaded (seconds at 1M).
        if (changed != null && !data.touchesEvents(changed)) return;
        Map<String, Cryptophone> cryptophones = data.cryptophones();
        if (cryptophones.isEmpty()) return;
        long t1 = System.nanoTime();
        List<Start> phones = NetworkStarts.find(ctx.jdbc(), ctx.scope(), ctx.officers(), EnumSet.of(Officer.IdentifierKind.PHONE));
        long t2 = System.nanoTime();

        Set<String> cryptosToCheck = cryptophones.keySet(), officersToCheck = null; // null: every officer
        if (changed != null) {
            Set<String> subjects = data.changedSubjects(changed);
            Set<String> changedCryptos = new HashSet<>(cryptophones.keySet());
            changedCryptos.retainAll(subjects);
            Set<String> changedOfficers = phones.stream().filter(p -> subjects.contains(p.entityId())).map(Start::officerId).collect(Collectors.toSet());
            if (changedCryptos.isEmpty() && changedOfficers.isEmpty()) return;
            // Only changed cryptophones: read only their events. Only changed officer phones: only those officers.
            // Both: every officer against every cryptophone; what does not touch a change is dropped below.
            if (changedOfficers.isEmpty()) cryptosToCheck = changedCryptos;
            else if (changedCryptos.isEmpty()) officersToCheck = changedOfficers;
            final Set<String> cc = changedCryptos, co = changedOfficers;
            Consumer<Finding> all = out;
            out = f -> {
                if (co.contains(f.officerId()) || cc.contains((String) f.evidence().get("account"))) all.accept(f);
            };
        }

        ColocationIndex index = new ColocationIndex(data.events(cryptosToCheck), settings.maxMetres());
        Map<String, List<Start>> phonesByOfficer = phones.stream().collect(Collectors.groupingBy(Start::officerId));
        Set<String> officersFinal = officersToCheck;
        Map<String, List<Event>> phoneEvents = data.events(phones.stream().filter(p -> officersFinal == null || officersFinal.contains(p.officerId()))
                        .map(Start::entityId).collect(Collectors.toSet())).stream()
                .collect(Collectors.groupingBy(Event::subject));

        long t3 = System.nanoTime();
        long window = settings.maxMinutes() * 60L;
        List<PendingFinding> pending = new ArrayList<>();
        for (Officer o : ctx.officers()) {
            if (officersToCheck != null && !officersToCheck.contains(o.id())) continue;
            Map<Integer, Match> best = new HashMap<>(); // crypto event index -> best match: each cryptophone event counts once
            for (Start p : phonesByOfficer.getOrDefault(o.id(), List.of())) {
                for (Event e : phoneEvents.getOrDefault(p.entityId(), List.of())) {
                    index.near(e.lat(), e.lon(), e.epochSecond() - window, e.epochSecond() + window, i -> {
                        Event c = index.event(i);
                        offer(best, i, new Match(c, e, null, ColocationIndex.metres(e.lat(), e.lon(), c.lat(), c.lon()),
                                Math.abs(c.epochSecond() - e.epochSecond())));
                    });
                }
            }
            for (Officer.Duty d : o.duties()) {
                if (d.latitude() == null || d.longitude() == null) continue;
                long from = d.startsAt().getEpochSecond(), to = d.endsAt().getEpochSecond();
                index.near(d.latitude(), d.longitude(), from - window, to + window, i -> {
                    Event c = index.event(i);
                    long t = c.epochSecond(), outside = t < from ? from - t : t > to ? t - to : 0;
                    offer(best, i, new Match(c, null, d, ColocationIndex.metres(d.latitude(), d.longitude(), c.lat(), c.lon()), outside));
                });
            }
            best.values().stream().collect(Collectors.groupingBy(m -> m.crypto().subject(), TreeMap::new, Collectors.toList()))
                    .forEach((crypto, matches) -> {
                        Set<LocalDate> days = matches.stream().map(m -> day(m.crypto())).collect(Collectors.toSet());
                        if (matches.size() >= settings.minCoincidences() && days.size() >= settings.minDays()) {
                            pending.add(new PendingFinding(o.id(), cryptophones.get(crypto), matches, days.size()));
                        }
                    });
        }
        if (log.isDebugEnabled()) {
            log.debug("co-location: {} cryptophones in {} ms, {} officer phones in {} ms, events in {} ms, matching in {} ms", cryptophones.size(),
                    (t1 - t0) / 1_000_000, phones.size(), (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
        }
        if (pending.isEmpty()) return;

        Set<String> named = new HashSet<>();
        pending.forEach(p -> {
            named.add(p.crypto().entityId());
            p.matches().forEach(m -> {
                if (m.crypto().place() != null) named.add(m.crypto().place());
                if (m.phone() && m.officerEvent().place() != null) named.add(m.officerEvent().place());
            });
        });
        Map<String, EntityType> types = new NetworkGraph(ctx.jdbc(), ctx.scope()).types(named);
        Map<String, String> captions = store.visibleCaptions(types, ctx.scope());
        for (PendingFinding p : pending) out.accept(finding(p, captions));
    }

    private record PendingFinding(String officerId, Cryptophone crypto, List<Match> matches, int days) {}

    private static void offer(Map<Integer, Match> best, int i, Match m) {
        best.merge(i, m, (a, b) -> BETTER.compare(a, b) <= 0 ? a : b);
    }

    private static LocalDate day(Event e) {
        return Instant.ofEpochSecond(e.epochSecond()).atZone(TIRANA).toLocalDate();
    }

    /** Distinct places: coincidences further apart than the distance limit from every place seen so far. */
    private int places(List<Match> matches) {
        List<double[]> seen = new ArrayList<>();
        for (Match m : matches) {
            if (seen.stream().noneMatch(s -> ColocationIndex.metres(s[0], s[1], m.crypto().lat(), m.crypto().lon()) <= settings.maxMetres())) {
                seen.add(new double[] {m.crypto().lat(), m.crypto().lon()});
            }
        }
        return seen.size();
    }

    private Finding finding(PendingFinding p, Map<String, String> captions) {
        List<Match> matches = p.matches().stream().sorted(Comparator.comparingLong((Match m) -> m.crypto().epochSecond())
                .thenComparing(m -> m.crypto().relation())).toList();
        int n = matches.size(), days = p.days(), places = places(matches);
        long byPhone = matches.stream().filter(Match::phone).count(), onDuty = n - byPhone;

        // More coincidences, more days and more places weigh more; all at one place (his station) weighs less.
        double weight = 0.3 + 0.06 * (Math.min(n, 13) - settings.minCoincidences()) + 0.05 * (Math.min(days, 6) - settings.minDays())
                + 0.08 * (Math.min(places, 4) - 1);
        if (places == 1) weight *= 0.6;
        weight = Math.max(0.05, Math.min(0.95, weight));

        List<Map<String, Object>> events = new ArrayList<>();
        Set<String> entities = new LinkedHashSet<>();
        entities.add(p.crypto().entityId());
        for (Match m : matches) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("at", Instant.ofEpochSecond(m.crypto().epochSecond()).toString());
            e.put("place", place(m, captions));
            e.put("lat", m.crypto().lat());
            e.put("lon", m.crypto().lon());
            e.put("crypto", m.crypto().relation());
            e.put("officer", m.phone() ? m.officerEvent().relation() : "duty");
            e.put("metres", Math.round(m.metres()));
            e.put("minutes", Math.round(m.seconds() / 60.0));
            events.add(e);
            entities.add(m.crypto().relation());
            if (m.crypto().place() != null) entities.add(m.crypto().place());
            if (m.phone()) {
                entities.add(m.officerEvent().relation());
                entities.add(m.officerEvent().subject());
            }
        }
        String handle = captions.getOrDefault(p.crypto().entityId(), p.crypto().entityId());
        Match last = matches.getLast();
        String at = SHOWN.format(Instant.ofEpochSecond(last.crypto().epochSecond())), where = place(last, captions);

        StringBuilder sq = new StringBuilder("Kriptotelefoni ").append(p.crypto().platform()).append(' ').append(handle)
                .append(" ndodhej në të njëjtin vend dhe në të njëjtën kohë me oficerin ").append(n).append(" herë në ").append(days)
                .append(" ditë të ndryshme, në ").append(places).append(places == 1 ? " vend" : " vende").append(" (brenda ")
                .append(settings.maxMetres()).append(" m dhe ").append(settings.maxMinutes()).append(" min): ");
        StringBuilder en = new StringBuilder("The cryptophone ").append(p.crypto().platform()).append(' ').append(handle)
                .append(" was at the same place and time as the officer ").append(n).append(" times on ").append(days)
                .append(" different days, at ").append(places).append(places == 1 ? " place" : " places").append(" (within ")
                .append(settings.maxMetres()).append(" m and ").append(settings.maxMinutes()).append(" min): ");
        List<String> partsSq = new ArrayList<>(), partsEn = new ArrayList<>();
        if (byPhone > 0) {
            partsSq.add(byPhone + " herë me telefonin e tij");
            partsEn.add(byPhone + (byPhone == 1 ? " time" : " times") + " with his own phone");
        }
        if (onDuty > 0) {
            partsSq.add(onDuty + " herë gjatë shërbimit të tij");
            partsEn.add(onDuty + (onDuty == 1 ? " time" : " times") + " during his duty");
        }
        sq.append(String.join(", ", partsSq)).append(". Rasti i fundit: ").append(at).append(" në ").append(where).append('.');
        en.append(String.join(", ", partsEn)).append(". Latest: ").append(at).append(" at ").append(where).append('.');

        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("entities", List.copyOf(entities));
        evidence.put("account", p.crypto().entityId());
        evidence.put("platform", p.crypto().platform());
        evidence.put("coincidences", n);
        evidence.put("days", days);
        evidence.put("places", places);
        evidence.put("events", events);
        return Finding.officer(p.officerId(), FactorKind.COLOCATION, "COLOCATION:" + p.crypto().entityId(), weight, sq.toString(), en.toString(),
                evidence);
    }

    /** The place as the cryptophone's event names it, else as the officer's event or duty does, else the coordinates. */
    private static String place(Match m, Map<String, String> captions) {
        String c = m.crypto().place() == null ? null : captions.get(m.crypto().place());
        if ((c == null || c.isBlank()) && m.phone() && m.officerEvent().place() != null) c = captions.get(m.officerEvent().place());
        if ((c == null || c.isBlank()) && !m.phone()) c = m.duty().place();
        return c == null || c.isBlank() ? String.format(java.util.Locale.ROOT, "%.5f, %.5f", m.crypto().lat(), m.crypto().lon()) : c;
    }
}
