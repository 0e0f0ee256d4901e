package besa.exchange.transport;

import besa.exchange.envelope.Envelopes;
import besa.exchange.envelope.Message;
import besa.exchange.envelope.SharedAttachment;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Store-and-forward: one row per message, sealed once, so every attempt sends the same bytes and a
 * receiver can recognise a retry. A worker claims due rows by pushing their next attempt out by a
 * lease ({@code for update skip locked}), so two workers never send the same row at once and a
 * worker that dies mid-send leaves a row that becomes due again when the lease runs out.
 */
public final class Outbox {
    /** A claimed row to deliver. */
    public record Due(UUID messageId, String partnerId, String jwe, String jweSha256, int attempts, Instant validUntil,
                      List<SharedAttachment> attachments) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;

    public Outbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Queues a sealed message; due at once. */
    public void enqueue(Message m, String partnerId, String jwe, String createdBy) {
        Instant now = clock.instant();
        jdbc.sql("""
                insert into exchange_outbox (message_id, partner_id, kind, thread_id, priority, reply_by, message, jwe, jwe_sha256, status,
                    next_attempt_at, valid_until, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, 'PENDING', ?, ?, ?, ?)""")
                .params(m.id(), partnerId, m.kind().name(), m.thread(), m.priority().name(), m.replyBy() == null ? null : Timestamp.from(m.replyBy()),
                        Envelopes.toJson(m), jwe, Envelopes.sha256(jwe), Timestamp.from(now), Timestamp.from(m.validUntil()), createdBy,
                        Timestamp.from(now))
                .update();
    }

    /** Claims up to {@code limit} due rows for {@code lease}. */
    public List<Due> claim(int limit, Duration lease) {
        Instant now = clock.instant();
        return jdbc.sql("""
                update exchange_outbox set next_attempt_at = ? where message_id in (
                    select message_id from exchange_outbox where status = 'PENDING' and next_attempt_at <= ?
                    order by next_attempt_at limit ? for update skip locked)
                returning message_id, partner_id, jwe, jwe_sha256, attempts, valid_until, message->'payload'->'attachments'""")
                .params(Timestamp.from(now.plus(lease)), Timestamp.from(now), limit)
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getTimestamp(6).toInstant(), attachments(rs.getString(7))))
                .list();
    }

    public void delivered(UUID id, String receipt) {
        jdbc.sql("update exchange_outbox set status = 'DELIVERED', receipt = ?, delivered_at = ?, attempts = attempts + 1, last_error = null"
                        + " where message_id = ? and status = 'PENDING'")
                .params(receipt, Timestamp.from(clock.instant()), id).update();
    }

    /** Keeps a claimed row from coming due until {@code until} (a long attachment upload is under way). */
    public void extendLease(UUID id, Instant until) {
        jdbc.sql("update exchange_outbox set next_attempt_at = greatest(next_attempt_at, ?) where message_id = ? and status = 'PENDING'")
                .params(Timestamp.from(until), id).update();
    }

    /** A failed attempt: try again at {@code next}. */
    public void retryAt(UUID id, String error, Instant next) {
        jdbc.sql("update exchange_outbox set attempts = attempts + 1, last_error = ?, next_attempt_at = ? where message_id = ? and status = 'PENDING'")
                .params(trim(error), Timestamp.from(next), id).update();
    }

    /** The partner refused the message for good (4xx), or it outlived its validity: no more attempts. */
    public void finish(UUID id, String status, String error) {
        jdbc.sql("update exchange_outbox set status = ?, attempts = attempts + 1, last_error = ? where message_id = ? and status = 'PENDING'")
                .params(status, trim(error), id).update();
    }

    /** Makes every pending row due now (an operator's "retry now", and tests). */
    public int retryAllNow() {
        return jdbc.sql("update exchange_outbox set next_attempt_at = ? where status = 'PENDING'").param(Timestamp.from(clock.instant())).update();
    }

    /** The attachments a queued message names (what must be uploaded before it). */
    private static List<SharedAttachment> attachments(String json) {
        if (json == null) return List.of();
        return List.of(JSON.readValue(json, SharedAttachment[].class));
    }

    private static String trim(String s) {
        return s == null ? null : s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
