package besa.cli;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditFilter;
import besa.audit.AuditOutcome;
import besa.audit.AuditSearch;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The trail {@code besa bench audit} writes, shaped like a working day (1,000 officers, 1 M persons,
 * 5,000 case references, 200 workstations; one event in 1,000 a security event, one in 50 denied)
 * and the auditor searches timed over it, newest first, first page of 50.
 */
final class AuditSearchBench {
    static final int OFFICERS = 1_000, PERSONS = 1_000_000, CASES = 5_000, CLIENTS = 200;
    private static final AuditAction[] RARE = {AuditAction.SECURITY_ALERT, AuditAction.BREAK_GLASS, AuditAction.ACCOUNT_CHANGE,
            AuditAction.ROLE_CHANGE, AuditAction.EXPORT, AuditAction.DISCLOSURE};

    private AuditSearchBench() {}

    /** The {@code i}-th benchmark event (deterministic, so runs are comparable). */
    static AuditEvent event(long i) {
        long h = mix(i);
        AuditAction action = i % 1000 == 999 ? RARE[(int) (h >>> 40) % RARE.length] : AuditAction.CONSULTATION;
        AuditOutcome outcome = i % 50 == 49 ? AuditOutcome.DENIED : AuditOutcome.SUCCESS;
        return new AuditEvent("officer" + Math.floorMod(h, OFFICERS), action, "P-" + Math.floorMod(h >>> 10, PERSONS),
                "case 2026/" + Math.floorMod(h >>> 30, CASES), "", outcome, "10.1.0." + Math.floorMod(h >>> 20, CLIENTS));
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }

    /** {@code start} and {@code end}: when the trail was written (for time windows inside it). */
    static void run(AuditSearch search, Instant start, Instant end, int n, PrintWriter out) {
        SplittableRandom r = new SplittableRandom(11);
        long span = Math.max(1, end.toEpochMilli() - start.toEpochMilli());
        time(search, n, out, "actor (one officer)", x -> filter("officer" + r.nextInt(OFFICERS), "", Set.of(), null, null, ""));
        time(search, n, out, "target substring (a person id)", x -> filter("", "P-" + r.nextInt(PERSONS), Set.of(), null, null, ""));
        time(search, n, out, "actor + time window (5 % of the trail)", x -> {
            Instant from = start.plusMillis(r.nextLong(span));
            return new AuditFilter("officer" + r.nextInt(OFFICERS), "", Set.of(), null, from, from.plusMillis(span / 20 + 1), "", "", "");
        });
        time(search, n, out, "client address", x -> new AuditFilter("", "", Set.of(), null, null, null, "", "", "10.1.0." + r.nextInt(CLIENTS)));
        time(search, n, out, "justification substring (a case)", x -> filter("", "", Set.of(), null, null, "2026/" + r.nextInt(CASES)));
        time(search, n, out, "needs attention (4 actions, 10 newest)", x -> AuditFilter.actions(Set.of(AuditAction.SECURITY_ALERT,
                AuditAction.BREAK_GLASS, AuditAction.ACCOUNT_CHANGE, AuditAction.ROLE_CHANGE)));
        time(search, n, out, "denied, one officer", x -> filter("officer" + r.nextInt(OFFICERS), "", Set.of(), AuditOutcome.DENIED, null, ""));
        time(search, n, out, "target not in the trail (scans the trigram index)", x -> filter("", "nobody-" + r.nextInt(1000), Set.of(), null, null, ""));
    }

    private static AuditFilter filter(String actor, String target, Set<AuditAction> actions, AuditOutcome outcome, Instant from, String why) {
        return new AuditFilter(actor, target, actions, outcome, from, null, why, "", "");
    }

    private static void time(AuditSearch search, int n, PrintWriter out, String kind, Function<Integer, AuditFilter> filters) {
        search.search(filters.apply(0), null, 50); // warm the plan cache
        double[] ms = new double[n];
        long found = 0;
        for (int i = 0; i < n; i++) {
            AuditFilter f = filters.apply(i);
            long t0 = System.nanoTime();
            found += search.search(f, null, 50).entries().size();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        out.printf(Locale.ROOT, "search %-50s p50 %7.1f ms  p95 %7.1f ms  max %7.1f ms  (%d searches, %.1f rows each)%n", kind + ":",
                ms[n / 2], ms[Math.min(n - 1, (int) Math.ceil(n * 0.95) - 1)], ms[n - 1], n, (double) found / n);
        out.flush();
    }
}
