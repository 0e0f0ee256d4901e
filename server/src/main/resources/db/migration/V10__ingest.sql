-- Ingestion: updates in place retire statements and may bring a retired value back; this small
-- partial index finds the retired statements of a source without scanning the active ones.
create index statement_retired_idx on statement (source_id, record_key) where retired_at is not null;

-- The unique (entity_id, prop, value, source_id) index already serves lookups by entity_id (its
-- leading column); the separate partial index only doubled the index work of every bulk insert.
drop index if exists statement_entity_idx;
