-- Ingestion: updates in place retire statements and may bring a retired value back; this small
-- partial index finds the retired statements of a source without scanning the active ones.
create index statement_retired_idx on statement (source_id, record_key) where retired_at is not null;
