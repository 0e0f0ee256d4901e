package besa.exchange.messages;

import besa.exchange.ReplyDeadlines;
import besa.exchange.envelope.LeadWire;
import besa.exchange.envelope.Message;
import besa.exchange.envelope.Payload;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Case threads: what we sent and received, grouped by thread, with reply deadlines and overdue flags. */
public class Threads {
    /** One message in a thread. {@code direction}: OUT (we sent it) or IN (a partner did). */
    public record Summary(UUID id, String direction, String partner, String kind, UUID thread, String priority, Instant replyBy, Instant at,
                          String status, int entities, String note, String by, boolean overdue) {}

    /** A thread: its messages oldest first; overdue when a request in it is past its deadline unanswered. */
    public record Thread(UUID id, String partner, List<Summary> messages, boolean overdue, Instant last) {}

    /** One message in full, as signed, and the local ids of received entities in the store. */
    public record Full(Summary summary, Message message, List<String> storedEntities) {}

    private final JdbcClient jdbc;
    private final ReplyDeadlines deadlines;
    private final Clock clock;

    public Threads(JdbcClient jdbc, ReplyDeadlines deadlines, Clock clock) {
        this.jdbc = jdbc;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    private static final String SELECT = """
            select * from (
              select message_id, 'OUT' as direction, partner_id, kind, thread_id, priority, reply_by, created_at as at, status,
                     jsonb_array_length(message->'payload'->'entities') as entities, message->'payload'->>'note' as note, created_by as by,
                     message::text as message
              from exchange_outbox
              union all
              select message_id, 'IN', partner_id, kind, thread_id, priority, reply_by, received_at, 'RECEIVED',
                     jsonb_array_length(message->'payload'->'entities'), message->'payload'->>'note', partner_id, message::text
              from exchange_inbox) m""";

    /** The newest threads (up to {@code limit}), newest activity first. */
    public List<Thread> list(int limit) {
        Set<UUID> overdue = overdue();
        List<UUID> ids = jdbc.sql("select thread_id from (" + SELECT + ") t group by thread_id order by max(at) desc limit ?")
                .param(limit).query((rs, n) -> rs.getObject(1, UUID.class)).list();
        List<Thread> out = new ArrayList<>();
        for (UUID id : ids) thread(id, overdue).ifPresent(out::add);
        return out;
    }

    public Optional<Thread> thread(UUID id) {
        return thread(id, overdue());
    }

    /**
     * Who may read partner threads and their messages: every liaison officer (the role the thread and
     * message pages and their REST require, SecurityConfig) whose account reads intelligence at all;
     * statements above his clearance are then left out of what he sees. Downloads of a partner's
     * files apply the same rule, and the clearance to the file's handling code (AttachmentsApi).
     */
    public boolean mayRead(besa.access.ReadScope scope) {
        return !scope.readsNothing();
    }

    public Optional<Full> message(UUID id) {
        return jdbc.sql(SELECT + " where message_id = ?").param(id).query((rs, n) -> {
            Summary s = summary(rs, overdue());
            return new Full(s, withoutLeads(Messages.JSON.readValue(rs.getString("message"), Message.class)), List.of());
        }).optional();
    }

    /**
     * The payload of message {@code id} as it was sent or received, vetting leads included: what a file's handling code
     * is computed from (AttachmentsApi), never from the view with the leads left out. Not for display.
     */
    public Optional<Payload> unstrippedPayload(UUID id) {
        return jdbc.sql(SELECT + " where message_id = ?").param(id)
                .query((rs, n) -> Messages.JSON.readValue(rs.getString("message"), Message.class).payload()).optional();
    }

    /**
     * The message without its vetting leads: they are the vetting unit's (ADR 0006), so the liaison officers who read
     * messages see only how many there were; the vetting unit sees them in its lead list (received) or its releases (sent).
     */
    static Message withoutLeads(Message m) {
        long leads = m.payload().entities().stream().filter(LeadWire::isLead).count();
        if (leads == 0) return m;
        var p = m.payload();
        String note = (p.note().isBlank() ? "" : p.note() + "\n") + "[" + leads + " vetting lead(s): for the vetting unit only, not shown here]";
        return new Message(m.id(), m.from(), m.to(), m.kind(), m.thread(), m.priority(), m.replyBy(), m.createdAt(), m.validUntil(), m.nonce(),
                m.legalBasis(), m.onwardTransfer(), new Payload(note, p.entities().stream().filter(e -> !LeadWire.isLead(e)).toList(), p.attachments()));
    }

    private Optional<Thread> thread(UUID id, Set<UUID> overdue) {
        List<Summary> messages = jdbc.sql(SELECT + " where thread_id = ? order by at").param(id).query((rs, n) -> summary(rs, overdue)).list();
        if (messages.isEmpty()) return Optional.empty();
        return Optional.of(new Thread(id, messages.get(0).partner(), messages, messages.stream().anyMatch(Summary::overdue),
                messages.get(messages.size() - 1).at()));
    }

    private Set<UUID> overdue() {
        Instant now = clock.instant();
        Set<UUID> ids = new HashSet<>();
        deadlines.owedByUs(now).forEach(o -> ids.add(o.messageId()));
        deadlines.owedToUs(now).forEach(o -> ids.add(o.messageId()));
        return ids;
    }

    private static Summary summary(java.sql.ResultSet rs, Set<UUID> overdue) throws java.sql.SQLException {
        UUID id = rs.getObject("message_id", UUID.class);
        return new Summary(id, rs.getString("direction"), rs.getString("partner_id"), rs.getString("kind"), rs.getObject("thread_id", UUID.class),
                rs.getString("priority"), rs.getTimestamp("reply_by") == null ? null : rs.getTimestamp("reply_by").toInstant(),
                rs.getTimestamp("at").toInstant(), rs.getString("status"), rs.getInt("entities"), rs.getString("note"), rs.getString("by"),
                overdue.contains(id));
    }
}
