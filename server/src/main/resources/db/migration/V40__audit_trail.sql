-- The audit trail: one row per audit event, append-only. data holds the event's canonical bytes
-- (its own index included), leaf_hash its RFC 9162 leaf hash; the Merkle tree over leaf_hash,
-- with signed checkpoints kept outside the database, is what proves the table intact.
create table audit_entry (
    idx bigint primary key check (idx >= 0),
    data bytea not null,
    leaf_hash bytea not null check (length(leaf_hash) = 32)
);

-- First line of defence: nobody changes or removes a row through ordinary SQL. A superuser can
-- still disable these triggers; the Merkle tree and the witnesses then expose the change.
create function audit_reject_change() returns trigger language plpgsql as $$
begin
    raise exception 'the audit trail is append-only: % on % refused', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_entry_no_change before update or delete on audit_entry
    for each row execute function audit_reject_change();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_reject_change();
