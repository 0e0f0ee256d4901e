package besa.exchange;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reply deadlines (urgent 8 hours, high 3 days, routine 7 days, from the message's priority unless
 * set): requests and hit queries a partner sent us whose deadline has passed while no reply or hit
 * answer has left in their thread, and the same for what we asked of partners.
 */
@Component
public class ReplyDeadlines {
    /** A request past its deadline without an answer. */
    public record Overdue(UUID messageId, String partnerId, String kind, UUID thread, String priority, Instant replyBy) {}

    /** Partners' requests to us past their deadline that no reply or hit answer of ours answered. */
    private static final String OWED_BY_US = """
            from exchange_inbox i
            where i.kind in ('REQUEST', 'HIT_QUERY') and i.reply_by < ?
              and not exists (select 1 from exchange_outbox o where o.thread_id = i.thread_id and o.partner_id = i.partner_id
                              and o.kind in ('REPLY', 'HIT_ANSWER') and o.status <> 'REJECTED')""";

    /** Our requests to partners past their deadline that no reply or hit answer of theirs answered. */
    private static final String OWED_TO_US = """
            from exchange_outbox o
            where o.kind in ('REQUEST', 'HIT_QUERY') and o.reply_by < ? and o.status <> 'REJECTED'
              and not exists (select 1 from exchange_inbox i where i.thread_id = o.thread_id and i.partner_id = o.partner_id
                              and i.kind in ('REPLY', 'HIT_ANSWER'))""";

    private final JdbcClient jdbc;

    public ReplyDeadlines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Partners' requests to us that we have not answered by their deadline, oldest deadline first. */
    public List<Overdue> owedByUs(Instant now) {
        return jdbc.sql("select i.message_id, i.partner_id, i.kind, i.thread_id, i.priority, i.reply_by " + OWED_BY_US + " order by i.reply_by")
                .param(Timestamp.from(now)).query(ReplyDeadlines::row).list();
    }

    /** Our requests to partners still unanswered after their deadline, oldest deadline first. */
    public List<Overdue> owedToUs(Instant now) {
        return jdbc.sql("select o.message_id, o.partner_id, o.kind, o.thread_id, o.priority, o.reply_by " + OWED_TO_US + " order by o.reply_by")
                .param(Timestamp.from(now)).query(ReplyDeadlines::row).list();
    }

    /** How many {@link #owedByUs} lists, counted by the database (for the pages' banner and the metrics). */
    public long countOwedByUs(Instant now) {
        return jdbc.sql("select count(*) " + OWED_BY_US).param(Timestamp.from(now)).query(Long.class).single();
    }

    /** How many {@link #owedToUs} lists, counted by the database. */
    public long countOwedToUs(Instant now) {
        return jdbc.sql("select count(*) " + OWED_TO_US).param(Timestamp.from(now)).query(Long.class).single();
    }

    private static Overdue row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Overdue(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class), rs.getString(5),
                rs.getTimestamp(6).toInstant());
    }
}
