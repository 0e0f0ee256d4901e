package besa.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an auditor searches the trail for; every field is optional (empty = any). Actor, recipient
 * and client address match exactly; target and justification are case-insensitive substrings;
 * the time range is UTC, {@code from} inclusive, {@code to} exclusive.
 */
public record AuditFilter(String actor, String target, Set<AuditAction> actions, AuditOutcome outcome,
                          Instant from, Instant to, String justification, String recipient, String clientAddress) {
    public static final int MAX_TEXT = 200;

    public AuditFilter {
        actor = clean("actor", actor);
        target = clean("target", target);
        justification = clean("justification", justification);
        recipient = clean("recipient", recipient);
        clientAddress = clean("client", clientAddress);
        actions = actions == null || actions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(actions));
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("'from' (" + from + ") must be before 'to' (" + to + ")");
        }
    }

    public static AuditFilter any() {
        return new AuditFilter("", "", Set.of(), null, null, null, "", "", "");
    }

    /** Only these actions, nothing else. */
    public static AuditFilter actions(Set<AuditAction> actions) {
        return new AuditFilter("", "", actions, null, null, null, "", "", "");
    }

    private static String clean(String field, String value) {
        String v = value == null ? "" : value.strip();
        if (v.length() > MAX_TEXT) throw new IllegalArgumentException("'" + field + "' is longer than " + MAX_TEXT + " characters");
        return v;
    }

    /** Parses an action name (case-insensitive); IllegalArgumentException naming the value and the choices. */
    public static AuditAction action(String raw) {
        try {
            return AuditAction.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown action '" + raw + "'; one of " + List.of(AuditAction.values()));
        }
    }

    public static AuditOutcome outcome(String raw) {
        if (raw == null || raw.isBlank()) return null;
        try {
            return AuditOutcome.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown outcome '" + raw + "'; one of " + List.of(AuditOutcome.values()));
        }
    }

    /**
     * A UTC time: an instant ({@code 2026-11-23T10:15:00Z}), a local date-time read as UTC
     * ({@code 2026-11-23T10:15}) or a date. A date as the end of a range means the end of that day.
     */
    public static Instant time(String field, String raw, boolean end) {
        if (raw == null || raw.isBlank()) return null;
        String v = raw.strip();
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException ignored) {
            // not an instant; try the shorter forms
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not a date-time either
        }
        try {
            LocalDate d = LocalDate.parse(v);
            return (end ? d.plusDays(1) : d).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not a UTC time: '" + raw
                    + "' (use 2026-11-23, 2026-11-23T10:15 or 2026-11-23T10:15:00Z)");
        }
    }

    /** The filter as a short canonical text, the target of the audit event the search itself causes. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        add(parts, "actor", actor);
        add(parts, "target", target);
        if (!actions.isEmpty()) parts.add("action=" + actions.stream().sorted().map(Enum::name).collect(Collectors.joining(",")));
        if (outcome != null) parts.add("outcome=" + outcome);
        if (from != null) parts.add("from=" + from);
        if (to != null) parts.add("to=" + to);
        add(parts, "justification", justification);
        add(parts, "recipient", recipient);
        add(parts, "client", clientAddress);
        return parts.isEmpty() ? "audit trail: all" : "audit trail: " + String.join(" ", parts);
    }

    private static void add(List<String> parts, String name, String value) {
        if (!value.isEmpty()) parts.add(name + "=" + value);
    }
}
