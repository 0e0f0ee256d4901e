package besa.audit;

import besa.ledger.LeafHashStore;
import besa.ledger.StoredEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The audit table as the Merkle log's {@link LeafHashStore}: rows (idx, data, leaf_hash), written
 * in one transaction per batch (group commit) and read back in index order with a cursor.
 * The table name is fixed at construction ({@code audit_entry} in production; scratch tables of
 * the same shape for tests and benchmarks). {@code <table>_search} holds the decoded fields as
 * columns for the auditors' search, filled behind the writer ({@link #catchUpSearch()}) so that
 * its indexes never slow down the append path.
 */
public final class AuditStore implements LeafHashStore {
    public static final String TABLE = "audit_entry";
    private static final int FETCH = 10_000;

    private final DataSource dataSource;
    private final String table;

    public AuditStore(DataSource dataSource, String table) {
        if (!table.matches("[a-z][a-z0-9_]{0,62}")) throw new IllegalArgumentException("bad audit table name: " + table);
        this.dataSource = dataSource;
        this.table = table;
    }

    public String table() {
        return table;
    }

    /** The search columns' table ({@code <table>_search}); not covered by the hashes. */
    public String searchTable() {
        return table + "_search";
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Creates an empty table shaped and protected like {@code audit_entry} (scratch logs for tests and benchmarks). */
    public static AuditStore createScratch(DataSource dataSource, String table) {
        AuditStore store = new AuditStore(dataSource, table);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table " + table + " (like " + TABLE + " including all)");
            s.execute("create trigger " + table + "_no_change before update or delete on " + table
                    + " for each row execute function audit_reject_change()");
            s.execute("create trigger " + table + "_no_truncate before truncate on " + table
                    + " for each statement execute function audit_reject_change()");
            s.execute("create table " + store.searchTable() + " (like " + TABLE + "_search including all)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create audit table " + table + ": " + e.getMessage(), e);
        }
        return store;
    }

    /** Drops a scratch table. */
    public void drop() {
        if (table.equals(TABLE)) throw new IllegalStateException("the audit trail itself is never dropped");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop table if exists " + table);
            s.execute("drop table if exists " + searchTable());
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long size() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select coalesce(max(idx) + 1, 0) from " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure("read the size of", e);
        }
    }

    @Override
    public byte[] leafHash(long index) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select leaf_hash from " + table + " where idx = ?")) {
            s.setLong(1, index);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) throw new IllegalStateException("audit entry " + index + " is missing from " + table);
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw failure("read entry " + index + " of", e);
        }
    }

    @Override
    public void append(long index, byte[] leafHash) {
        throw new UnsupportedOperationException("audit entries are stored with their data");
    }

    @Override
    public void append(long index, byte[] data, byte[] leafHash) {
        appendAll(index, List.of(data), List.of(leafHash));
    }

    @Override
    public void appendAll(long firstIndex, List<byte[]> data, List<byte[]> leafHashes) {
        if (data == null) throw new UnsupportedOperationException("audit entries are stored with their data");
        int n = leafHashes.size();
        Long[] idx = new Long[n];
        for (int i = 0; i < n; i++) idx[i] = firstIndex + i;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true); // one statement: one transaction
            try (PreparedStatement s = c.prepareStatement("insert into " + table
                    + " (idx, data, leaf_hash) select * from unnest(?::bigint[], ?::bytea[], ?::bytea[])")) {
                s.setArray(1, c.createArrayOf("bigint", idx));
                s.setArray(2, c.createArrayOf("bytea", data.toArray(byte[][]::new)));
                s.setArray(3, c.createArrayOf("bytea", leafHashes.toArray(byte[][]::new)));
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw failure("append entries " + firstIndex + ".." + (firstIndex + n - 1) + " to", e);
        }
    }

    private static final String SEARCH_COLUMNS = " (idx, at, actor, action, target, justification, recipient, outcome, client_address)";
    // Nine arrays (see setSearchRows) as rows; the time arrives as epoch ms.
    private static final String SEARCH_ROWS = " select i, timestamptz 'epoch' + a * interval '1 millisecond', f1, f2, f3, f4, f5, f6, f7"
            + " from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " as u(i, a, f1, f2, f3, f4, f5, f6, f7)";

    /** What the search columns hold for an entry whose data cannot be decoded (it is then found, and flagged, by actor). */
    public static final String UNDECODABLE = "(undecodable entry)";

    /** Binds the decoded fields of the rows {@code idx}/{@code data} as nine arrays from parameter {@code first}; the time as epoch ms. */
    private static void setSearchRows(Connection c, PreparedStatement s, int first, List<Long> rows, List<byte[]> data) throws SQLException {
        int n = data.size();
        Long[] idx = rows.toArray(Long[]::new), at = new Long[n];
        String[][] text = new String[7][n];
        for (int i = 0; i < n; i++) {
            String[] fields;
            try {
                RecordedEvent r = AuditCodec.decode(data.get(i));
                AuditEvent e = r.event();
                at[i] = r.at().toEpochMilli();
                fields = new String[] {e.actor(), e.action().name(), e.target(), e.justification(), e.recipient(), e.outcome().name(), e.clientAddress()};
            } catch (IllegalArgumentException damaged) { // tampered bytes must not stop the search for everything else
                at[i] = 0L;
                fields = new String[] {UNDECODABLE, "", "", "", "", "", ""};
            }
            for (int f = 0; f < 7; f++) text[f][i] = fields[f];
        }
        s.setArray(first, c.createArrayOf("bigint", idx));
        s.setArray(first + 1, c.createArrayOf("bigint", at));
        for (int f = 0; f < 7; f++) s.setArray(first + 2 + f, c.createArrayOf("text", text[f]));
    }

    /**
     * Fills the search rows of every entry after the last one that has one (entries written since
     * the last call, and on first use all entries written before the search table existed), in
     * batches. Callers in this JVM take turns; another process doing the same only costs a retry
     * ({@code on conflict do nothing}). Returns how many rows were added.
     */
    public synchronized long catchUpSearch() {
        long added = 0;
        while (true) {
            long from;
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select coalesce(max(idx) + 1, 0) from " + searchTable())) {
                rs.next();
                from = rs.getLong(1);
            } catch (SQLException e) {
                throw failure("read the search rows of", e);
            }
            List<Long> rows = new java.util.ArrayList<>();
            List<byte[]> batch = new java.util.ArrayList<>();
            scan("select idx, data from " + table + " where idx >= ? and idx < ? order by idx limit " + SEARCH_BATCH, from,
                    Long.MAX_VALUE, rs -> {
                        rows.add(rs.getLong(1));
                        batch.add(rs.getBytes(2));
                    });
            if (batch.isEmpty()) return added;
            added += insertSearchRows(rows, batch);
            if (batch.size() < SEARCH_BATCH) return added;
        }
    }

    private static final int SEARCH_BATCH = 10_000;

    private long insertSearchRows(List<Long> rows, List<byte[]> data) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("insert into " + searchTable() + SEARCH_COLUMNS + SEARCH_ROWS
                        + " on conflict (idx) do nothing")) {
            setSearchRows(c, s, 1, rows, data);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw failure("fill the search rows of", e);
        }
    }

    @Override
    public void read(long from, long to, LeafHashConsumer consumer) {
        scan("select idx, leaf_hash from " + table + " where idx >= ? and idx < ? order by idx", from, to,
                rs -> consumer.accept(rs.getLong(1), rs.getBytes(2)));
    }

    /** Streams every row with {@code idx >= from} in index order, as stored (for verification). */
    public void entries(long from, Consumer<StoredEntry> consumer) {
        scan("select idx, data, leaf_hash from " + table + " where idx >= ? and idx < ? order by idx", from, Long.MAX_VALUE,
                rs -> consumer.accept(new StoredEntry(rs.getLong(1), rs.getBytes(2), rs.getBytes(3))));
    }

    /** The stored data of one entry, or null if there is no such row. */
    public byte[] data(long index) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select data from " + table + " where idx = ?")) {
            s.setLong(1, index);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw failure("read entry " + index + " of", e);
        }
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private void scan(String sql, long from, long to, RowHandler handler) {
        if (to - from <= FETCH) { // small ranges (proofs): one round trip, no cursor
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, from);
                s.setLong(2, to);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) handler.row(rs);
                }
                return;
            } catch (SQLException e) {
                throw failure("read", e);
            }
        }
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1); // binary rows: no hex decoding of bytea
                s.setFetchSize(FETCH);
                s.setLong(1, from);
                s.setLong(2, to);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) handler.row(rs);
                }
            } finally {
                c.rollback();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("could not " + what + " the audit table " + table + ": " + e.getMessage(), e);
    }
}
