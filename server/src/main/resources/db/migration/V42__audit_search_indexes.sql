-- Indexes for the auditors' search, newest first (idx descending). Equality filters get
-- (field, idx) so "latest events of X" is one index range read backwards; text filters (target,
-- justification: substring, case-insensitive) get trigram indexes; the time range gets its own.
-- (pg_trgm comes from V20.)
create index audit_search_actor_idx on audit_entry_search (actor, idx);
create index audit_search_action_idx on audit_entry_search (action, idx);
create index audit_search_at_idx on audit_entry_search (at);
create index audit_search_recipient_idx on audit_entry_search (recipient, idx) where recipient <> '';
create index audit_search_client_idx on audit_entry_search (client_address, idx);
create index audit_search_outcome_idx on audit_entry_search (outcome, idx) where outcome <> 'SUCCESS';
create index audit_search_target_trgm on audit_entry_search using gin (target gin_trgm_ops);
create index audit_search_justification_trgm on audit_entry_search using gin (justification gin_trgm_ops)
    where justification <> '';
