package besa.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The trail read forward, for processes that follow it (the vetting unit's insider watch): the entries
 * after a given index, oldest first, in batches. It reads the search columns (filled behind the
 * writer, caught up here first), so a batch costs one index range read and no decoding; the entry
 * indices it returns are what auditors verify against the Merkle log.
 */
@Component
public class AuditFeed {
    private final AuditStore store;

    public AuditFeed(AuditStore store) {
        this.store = store;
    }

    /**
     * Entries with an index above {@code after}, at most {@code limit}, oldest first.
     *
     * @param lastIndex the highest index read (entries that cannot be decoded are read but not returned),
     *                  or {@code after} when there was nothing new
     */
    public record Batch(List<RecordedEvent> events, long lastIndex) {}

    public Batch after(long after, int limit) {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        store.catchUpSearch();
        List<RecordedEvent> events = new ArrayList<>();
        long last = after;
        try (Connection c = store.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("select idx, at, actor, action, target, justification, recipient, outcome, client_address"
                        + " from " + store.searchTable() + " where idx > ? order by idx limit ?")) {
            s.setLong(1, after);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    last = rs.getLong(1);
                    AuditAction action = parse(AuditAction.class, rs.getString(4));
                    AuditOutcome outcome = parse(AuditOutcome.class, rs.getString(8));
                    if (action == null || outcome == null || AuditStore.UNDECODABLE.equals(rs.getString(3))) continue;
                    events.add(new RecordedEvent(last, rs.getTimestamp(2).toInstant(), new AuditEvent(rs.getString(3), action, rs.getString(5),
                            rs.getString(6), rs.getString(7), outcome, rs.getString(9))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit trail after entry " + after + ": " + e.getMessage(), e);
        }
        return new Batch(events, last);
    }

    /** The highest entry index in the trail, -1 when it is empty. */
    public long lastIndex() {
        return store.size() - 1;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String name) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
