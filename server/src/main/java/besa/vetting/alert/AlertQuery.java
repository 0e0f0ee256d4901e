package besa.vetting.alert;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The queue's filters, parsed and checked: statuses (default the open ones), assignee (a user name,
 * {@link #MINE} for the requesting user or {@link #NOBODY} for unassigned), origin, minimum score
 * (0..1), officer id, and the page.
 */
public record AlertQuery(Set<Status> statuses, String assignee, Origin origin, Double minScore, String officerId, int page, int size) {
    public static final String MINE = "mine";
    public static final String NOBODY = "none";
    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 25;

    public enum Status { NEW, ASSIGNED, DISMISSED, ESCALATED }

    public enum Origin { SCREENING, INSIDER }

    public static final Set<Status> OPEN = Set.copyOf(EnumSet.of(Status.NEW, Status.ASSIGNED));

    public AlertQuery {
        statuses = statuses == null || statuses.isEmpty() ? OPEN : Set.copyOf(statuses);
    }

    /** The open queue's first page. */
    public static AlertQuery open() {
        return new AlertQuery(OPEN, null, null, null, null, 0, DEFAULT_SIZE);
    }

    /**
     * Parses request parameters; blank ones mean "any". {@code status} may hold several values, each
     * also comma-separated ({@code NEW,ASSIGNED}).
     */
    public static AlertQuery parse(List<String> status, String assignee, String origin, String minScore, String officer, Integer page, Integer size) {
        Set<Status> statuses = EnumSet.noneOf(Status.class);
        if (status != null) {
            for (String s : status) {
                if (s == null) continue;
                for (String one : s.split(",")) {
                    if (one.isBlank()) continue;
                    try {
                        statuses.add(Status.valueOf(one.strip().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw AlertRefused.invalid("status", one.strip(), "status");
                    }
                }
            }
        }
        Origin o = null;
        if (origin != null && !origin.isBlank()) {
            try {
                o = Origin.valueOf(origin.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw AlertRefused.invalid("origin", origin.strip(), "origin");
            }
        }
        Double min = null;
        if (minScore != null && !minScore.isBlank()) {
            try {
                min = Double.parseDouble(minScore.strip());
            } catch (NumberFormatException e) {
                throw AlertRefused.invalid("minScore", minScore.strip(), "minScore");
            }
            if (!(min >= 0 && min <= 1)) throw AlertRefused.invalid("minScore", minScore.strip(), "minScore");
        }
        int p = page == null ? 0 : page;
        int n = size == null ? DEFAULT_SIZE : size;
        if (p < 0) throw AlertRefused.invalid("page", String.valueOf(p), "page");
        if (n < 1 || n > MAX_SIZE) throw AlertRefused.invalid("size", String.valueOf(n), "size", MAX_SIZE);
        return new AlertQuery(statuses, blankToNull(assignee), o, min, blankToNull(officer), p, n);
    }

    /**
     * For the audit trail: the filters as given, the officer as {@code officer} shows him (a pseudonym,
     * never his id: any auditor reads the trail).
     */
    public String describe(java.util.function.UnaryOperator<String> officer) {
        return "vetting alerts: status=" + statuses.stream().map(Enum::name).sorted().collect(Collectors.joining(","))
                + (assignee == null ? "" : " assignee=" + assignee) + (origin == null ? "" : " origin=" + origin)
                + (minScore == null ? "" : " minScore=" + minScore) + (officerId == null ? "" : " officer=" + officer.apply(officerId))
                + " page=" + page;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
