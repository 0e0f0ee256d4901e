package besa.exchange.hit;

import besa.audit.AuditAction;
import besa.audit.AuditEvent;
import besa.audit.AuditLog;
import besa.audit.AuditOutcome;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How much a partner may ask of us: hit queries per hour and per day, cross-match runs and the records they compare per
 * day. A partner that sends many queries (or many guessed identifiers in PSI runs) would enumerate our store, one yes or
 * no at a time. The counts come from the stored rows (the partner's answered queries and runs, by the time each message
 * was received), so a restart forgets nothing and a backlog answered late counts as it arrived. A query or run over a
 * limit gets the same refusal whatever it asked, so the refusal says nothing about our data; each is remembered in
 * {@code exchange_limit_refusal}, and the first one in a window (the limit's hour or day) raises a SECURITY_ALERT that
 * counts those since the last alert (as {@code transport.AlertBudget} does for handshakes): one alert per window, not
 * one per query.
 */
public final class PartnerLimits {
    /** The answer a cross-match run over a limit gets, always the same. */
    static final String XMATCH_REFUSAL = "over the agreed limit of cross-matching; ask again later";

    public enum Kind { HIT_QUERY, XMATCH }

    /** One partner's limits; 0 means no limit of that kind. */
    public record Limits(int hitQueriesPerHour, int hitQueriesPerDay, int xmatchRunsPerDay, int xmatchRecordsPerDay) {
        public Limits {
            if (hitQueriesPerHour < 0 || hitQueriesPerDay < 0 || xmatchRunsPerDay < 0 || xmatchRecordsPerDay < 0) {
                throw new IllegalArgumentException("partner limits must not be negative (0: no limit)");
            }
        }
    }

    /** The limits, with the window each counts over. */
    public enum Limit {
        HIT_QUERIES_PER_HOUR("hit queries per hour", Duration.ofHours(1)),
        HIT_QUERIES_PER_DAY("hit queries per day", Duration.ofDays(1)),
        XMATCH_RUNS_PER_DAY("cross-match runs per day", Duration.ofDays(1)),
        XMATCH_RECORDS_PER_DAY("cross-match records per day", Duration.ofDays(1));

        final String text;
        final Duration window;

        Limit(String text, Duration window) {
            this.text = text;
            this.window = window;
        }
    }

    /** A limit that a message went over, and its value for that partner. */
    public record Exceeded(Limit limit, int value) {
        Duration window() {
            return limit.window;
        }
    }

    /** Refusals of one partner and kind within the last day, for the liaison officers' page: the last limit gone over. */
    public record Recent(String partnerId, Kind kind, int refused, Instant last, Limit limit, int value) {}

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Limits defaults;
    private final BiFunction<String, Limits, Limits> perPartner;

    /**
     * @param perPartner the limits of a partner given the defaults (an override from the configuration, or the defaults)
     */
    PartnerLimits(JdbcClient jdbc, AuditLog audit, Limits defaults, BiFunction<String, Limits, Limits> perPartner) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.defaults = defaults;
        this.perPartner = perPartner;
    }

    /** The limits of a partner without a setting of its own. */
    public Limits defaults() {
        return defaults;
    }

    public Limits of(String partner) {
        return perPartner.apply(partner, defaults);
    }

    /** When the inbox received {@code message}: the time the limits count by. */
    Instant receivedAt(UUID message) {
        return jdbc.sql("select received_at from exchange_inbox where message_id = ?").param(message).query(Timestamp.class).single().toInstant();
    }

    /** Whether one more hit query of {@code partner}, received at {@code at}, goes over a limit. */
    Optional<Exceeded> hitQuery(String partner, Instant at) {
        Limits l = of(partner);
        for (Exceeded e : List.of(new Exceeded(Limit.HIT_QUERIES_PER_HOUR, l.hitQueriesPerHour()), new Exceeded(Limit.HIT_QUERIES_PER_DAY, l.hitQueriesPerDay()))) {
            if (e.value() > 0 && answeredQueries(partner, at, e.window()) + 1 > e.value()) return Optional.of(e);
        }
        return Optional.empty();
    }

    /** Whether one more cross-match run of {@code partner}, received at {@code at}, comparing {@code records}, goes over a limit. */
    Optional<Exceeded> crossMatch(String partner, Instant at, int records) {
        Limits l = of(partner);
        Duration day = Duration.ofDays(1);
        if (l.xmatchRunsPerDay() > 0 && runs(partner, at, day, "count(*)") + 1 > l.xmatchRunsPerDay()) {
            return Optional.of(new Exceeded(Limit.XMATCH_RUNS_PER_DAY, l.xmatchRunsPerDay()));
        }
        // PSI: the partner's blinded records (guessed identifiers would be here); CLK: our encodings sent.
        if (l.xmatchRecordsPerDay() > 0 && runs(partner, at, day, "coalesce(sum(coalesce(s.peer_size, s.sent_size, 0)), 0)") + records > l.xmatchRecordsPerDay()) {
            return Optional.of(new Exceeded(Limit.XMATCH_RECORDS_PER_DAY, l.xmatchRecordsPerDay()));
        }
        return Optional.empty();
    }

    private long answeredQueries(String partner, Instant at, Duration window) {
        return jdbc.sql("""
                select count(*) from exchange_hit_received h join exchange_inbox i on i.message_id = h.message_id
                where h.partner_id = ? and h.outcome <> 'LIMITED' and i.received_at > ? and i.received_at <= ?""")
                .params(partner, Timestamp.from(at.minus(window)), Timestamp.from(at)).query(Long.class).single();
    }

    private long runs(String partner, Instant at, Duration window, String aggregate) {
        return jdbc.sql("select " + aggregate + """
                 from exchange_xmatch_session s join exchange_inbox i on i.message_id = s.message_id
                where s.role = 'RESPONDER' and s.partner_id = ? and i.kind = 'REQUEST' and s.status <> 'LIMITED'
                  and i.received_at > ? and i.received_at <= ?""")
                .params(partner, Timestamp.from(at.minus(window)), Timestamp.from(at)).query(Long.class).single();
    }

    /**
     * Remembers that {@code message} was refused for {@code e}, and raises a SECURITY_ALERT if none was raised for this
     * partner and kind within the limit's window before it (the alert counts the refusals since the last one).
     * Runs in the caller's transaction, with the refusal's answer.
     */
    void refused(UUID message, String partner, Kind kind, Exceeded e, Instant at) {
        Instant lastAlert = jdbc.sql("select max(received_at) from exchange_limit_refusal where partner_id = ? and kind = ? and alerted")
                .params(partner, kind.name()).query((rs, n) -> rs.getTimestamp(1)).list().stream().filter(java.util.Objects::nonNull)
                .map(Timestamp::toInstant).findFirst().orElse(null);
        boolean alert = lastAlert == null || !lastAlert.isAfter(at.minus(e.window()));
        jdbc.sql("insert into exchange_limit_refusal (message_id, partner_id, kind, limit_name, limit_value, received_at, alerted) values (?, ?, ?, ?, ?, ?, ?)")
                .params(message, partner, kind.name(), e.limit().name(), e.value(), Timestamp.from(at), alert).update();
        if (!alert) return;
        long since = lastAlert == null ? 0 : jdbc.sql("""
                select count(*) from exchange_limit_refusal where partner_id = ? and kind = ? and not alerted and received_at >= ? and message_id <> ?""")
                .params(partner, kind.name(), Timestamp.from(lastAlert), message).query(Long.class).single();
        audit.record(new AuditEvent(AuditEvent.SYSTEM, AuditAction.SECURITY_ALERT, (kind == Kind.HIT_QUERY ? "hit query " : "cross-match request ")
                + message + " from " + partner + " over its limit of " + e.value() + " " + e.limit().text,
                "refused, as are the partner's further " + (kind == Kind.HIT_QUERY ? "queries" : "runs") + " until it is within the limit again"
                        + " (one alert per " + (e.window().toHours() == 1 ? "hour" : "day") + "); refused without an alert since the last one: " + since,
                partner, AuditOutcome.DENIED, ""));
    }

    /** Partners refused for a limit within the day before {@code now}, most recent first. */
    public List<Recent> recent(Instant now) {
        return jdbc.sql("""
                select partner_id, kind, count(*), max(received_at),
                       (array_agg(limit_name order by received_at desc))[1], (array_agg(limit_value order by received_at desc))[1]
                from exchange_limit_refusal where received_at > ? group by partner_id, kind order by max(received_at) desc""")
                .param(Timestamp.from(now.minus(Duration.ofDays(1))))
                .query((rs, n) -> new Recent(rs.getString(1), Kind.valueOf(rs.getString(2)), rs.getInt(3), rs.getTimestamp(4).toInstant(),
                        Limit.valueOf(rs.getString(5)), rs.getInt(6))).list();
    }
}
