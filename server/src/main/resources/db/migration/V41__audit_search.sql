-- The audit trail's fields as columns, for the auditors' search. The writer fills a row here in
-- the same statement as its audit_entry row (and start-up fills rows written before this table
-- existed). These columns are NOT covered by the Merkle tree: the search only uses them to find
-- candidates and always shows, and re-checks, the hashed data of audit_entry.
create table audit_entry_search (
    idx bigint primary key,
    at timestamptz not null,
    actor text not null,
    action text not null,
    target text not null,
    justification text not null,
    recipient text not null,
    outcome text not null,
    client_address text not null
);

create trigger audit_entry_search_no_change before update or delete on audit_entry_search
    for each row execute function audit_reject_change();
create trigger audit_entry_search_no_truncate before truncate on audit_entry_search
    for each statement execute function audit_reject_change();
