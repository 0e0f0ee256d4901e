package besa.audit;

import besa.ledger.MerkleHashes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auditors' search over the trail (up to the moment of the search), newest first, with keyset paging ({@code before} = the
 * smallest index of the previous page). The search columns only select candidates; every entry
 * shown is decoded from the hashed data and checked against its leaf hash and its search row.
 */
public final class AuditSearch {
    private static final Logger log = LoggerFactory.getLogger(AuditSearch.class);
    public static final int MAX_PAGE = 500;

    private final AuditStore store;

    public AuditSearch(AuditStore store) {
        this.store = store;
    }

    /** One page: the entries and, when there may be more, the {@code before} of the next page. */
    public record Page(List<FoundEntry> entries, Long nextBefore) {}

    public Page search(AuditFilter filter, Long before, int size) {
        if (size < 1 || size > MAX_PAGE) throw new IllegalArgumentException("page size must be 1.." + MAX_PAGE + ", not " + size);
        List<FoundEntry> found = new ArrayList<>(size + 1);
        query(filter, before, size + 1, 0, found::add);
        Long next = null;
        if (found.size() > size) {
            found.removeLast();
            next = found.getLast().index();
        }
        return new Page(found, next);
    }

    /** Every match, newest first, streamed from a database cursor (exports). */
    public void stream(AuditFilter filter, Consumer<FoundEntry> consumer) {
        query(filter, null, 0, 1_000, consumer);
    }

    private void query(AuditFilter f, Long before, int limit, int fetchSize, Consumer<FoundEntry> consumer) {
        store.catchUpSearch(); // the entries written since the last catch-up (usually none or a few)
        StringBuilder sql = new StringBuilder("select s.idx, e.data, e.leaf_hash, s.at, s.actor, s.action, s.target,"
                + " s.justification, s.recipient, s.outcome, s.client_address from " + store.searchTable() + " s join "
                + store.table() + " e on e.idx = s.idx where true");
        List<Object> params = new ArrayList<>();
        equal(sql, params, "s.actor", f.actor());
        like(sql, params, "s.target", f.target());
        if (!f.actions().isEmpty()) {
            sql.append(" and s.action = any(?)");
            params.add(f.actions().stream().map(Enum::name).toArray(String[]::new));
        }
        if (f.outcome() != null) equal(sql, params, "s.outcome", f.outcome().name());
        if (f.from() != null) {
            sql.append(" and s.at >= ?");
            params.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            sql.append(" and s.at < ?");
            params.add(Timestamp.from(f.to()));
        }
        like(sql, params, "s.justification", f.justification());
        equal(sql, params, "s.recipient", f.recipient());
        equal(sql, params, "s.client_address", f.clientAddress());
        if (before != null) {
            sql.append(" and s.idx < ?");
            params.add(before);
        }
        // With a substring filter, "+ 0" keeps the planner from walking the whole trail backwards in
        // the hope of meeting matches soon (its estimates for substrings are poor): it uses the
        // trigram index and sorts the matches instead.
        boolean substring = !f.target().isEmpty() || !f.justification().isEmpty();
        sql.append(substring ? " order by s.idx + 0 desc" : " order by s.idx desc");
        if (limit > 0) sql.append(" limit ").append(limit);

        try (Connection c = store.dataSource().getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // a cursor (fetch size) needs a transaction
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    Object p = params.get(i);
                    if (p instanceof String[] a) s.setArray(i + 1, c.createArrayOf("text", a));
                    else s.setObject(i + 1, p);
                }
                if (fetchSize > 0) s.setFetchSize(fetchSize);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) consumer.accept(entry(rs));
                }
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not search the audit trail: " + e.getMessage(), e);
        }
    }

    private static void equal(StringBuilder sql, List<Object> params, String column, String value) {
        if (value.isEmpty()) return;
        sql.append(" and ").append(column).append(" = ?");
        params.add(value);
    }

    private static void like(StringBuilder sql, List<Object> params, String column, String value) {
        if (value.isEmpty()) return;
        sql.append(" and ").append(column).append(" ilike ? escape '\\'");
        params.add("%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
    }

    private static FoundEntry entry(ResultSet rs) throws SQLException {
        long idx = rs.getLong(1);
        byte[] data = rs.getBytes(2);
        byte[] leafHash = rs.getBytes(3);
        RecordedEvent r;
        try {
            r = AuditCodec.decode(data);
        } catch (IllegalArgumentException e) {
            log.error("Audit entry {} cannot be decoded ({}); run besa audit verify", idx, e.getMessage());
            AuditEvent shown = new AuditEvent(AuditStore.UNDECODABLE, AuditAction.SECURITY_ALERT, "entry " + idx + ": " + e.getMessage(),
                    "", "", AuditOutcome.FAILED, "");
            return new FoundEntry(new RecordedEvent(idx, rs.getTimestamp(4).toInstant(), shown), leafHash, false);
        }
        AuditEvent e = r.event();
        boolean sameRow = r.index() == idx && r.at().equals(rs.getTimestamp(4).toInstant())
                && Objects.equals(e.actor(), rs.getString(5)) && e.action().name().equals(rs.getString(6))
                && e.target().equals(rs.getString(7)) && e.justification().equals(rs.getString(8))
                && e.recipient().equals(rs.getString(9)) && e.outcome().name().equals(rs.getString(10))
                && e.clientAddress().equals(rs.getString(11));
        boolean intact = sameRow && java.security.MessageDigest.isEqual(MerkleHashes.leafHash(data), leafHash);
        if (!intact) log.error("Audit entry {} does not match its leaf hash or its search row; run besa audit verify", idx);
        return new FoundEntry(new RecordedEvent(idx, r.at(), e), leafHash, intact);
    }
}
