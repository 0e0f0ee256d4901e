-- Daily sharing selects a schedule's new material by statement.created_at (docs/exchange.md, "Daily
-- sharing"): without an index each run of each schedule scanned the whole statement table. With it,
-- a schedule whose window is a small part of the table reads only that part (EXPLAIN in the docs).
-- Built in the migration's transaction: on a large store the upgrade holds writes to statement for
-- the length of the build.
create index statement_created_idx on statement (created_at);
