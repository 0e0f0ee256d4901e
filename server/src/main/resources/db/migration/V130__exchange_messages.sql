-- Messages for people (docs/exchange.md, "Messages, approval and the receiving side"): messages a
-- liaison officer composed that wait for a second officer's approval, the originators' recorded
-- permissions to forward their H2/H3 material, and the protection of what partners sent us.

-- A composed message: the payload exactly as previewed (so the approver approves what will leave).
create table exchange_draft (
    id           uuid primary key,
    partner_id   text not null references exchange_partner (id),
    kind         text not null,
    thread_id    uuid,
    priority     text not null,
    payload      jsonb not null,
    needs        text not null default '',            -- why approval is needed ('' = none)
    status       text not null check (status in ('PENDING_APPROVAL', 'SENT', 'REJECTED', 'REFUSED')),
    composed_by  text not null,
    composed_at  timestamptz not null,
    decided_by   text,
    decided_at   timestamptz,
    reason       text,
    message_id   uuid,
    check (decided_by is null or decided_by <> composed_by)
);
create index exchange_draft_pending_idx on exchange_draft (composed_at) where status = 'PENDING_APPROVAL';

-- An originator's permission to pass its H2/H3 material on to a third partner (entity null: all of it).
create table exchange_forward_permission (
    id            bigint generated always as identity primary key,
    originator_id text not null references exchange_partner (id),
    recipient_id  text not null references exchange_partner (id),
    entity_id     text,
    reference     text not null check (reference <> ''),
    recorded_by   text not null,
    recorded_at   timestamptz not null default now(),
    check (originator_id <> recipient_id)
);
create index exchange_forward_permission_idx on exchange_forward_permission (originator_id, recipient_id);

-- Inbox rows whose entities have been written into the intelligence store.
alter table exchange_inbox add column stored_at timestamptz;

-- What partners sent is theirs: statements of an 'exchange:<partner>' source are written only by the
-- receiving side (which sets besa.exchange_receive = 'on' for its transaction); imports and edits
-- can neither add to, retire, change nor delete them. (The bulk import also refuses such sources
-- itself, since its final move runs with the triggers switched off.)
create function exchange_protect_received() returns trigger language plpgsql as $$
begin
    if coalesce(current_setting('besa.exchange_receive', true), '') <> 'on' then
        raise exception 'statements received from a partner (source %) are the originator''s and cannot be changed locally',
            case when tg_op = 'INSERT' then new.source_id else old.source_id end using errcode = '42501';
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;
-- WHEN clauses, so that local statements (nearly all) never call the function.
create trigger exchange_protect_received_insert before insert on statement
    for each row when (new.source_id like 'exchange:%') execute function exchange_protect_received();
create trigger exchange_protect_received_update before update on statement
    for each row when (old.source_id like 'exchange:%' or new.source_id like 'exchange:%') execute function exchange_protect_received();
create trigger exchange_protect_received_delete before delete on statement
    for each row when (old.source_id like 'exchange:%') execute function exchange_protect_received();

create function exchange_protect_source() returns trigger language plpgsql as $$
begin
    if (tg_op = 'INSERT' and new.id like 'exchange:%') or (tg_op <> 'INSERT' and old.id like 'exchange:%') then
        if coalesce(current_setting('besa.exchange_receive', true), '') <> 'on' then
            raise exception 'source % belongs to a partner exchange and cannot be written locally', coalesce(new.id, old.id)
                using errcode = '42501';
        end if;
    end if;
    return case when tg_op = 'DELETE' then old else new end;
end $$;
create trigger exchange_protect_source before insert or update or delete on source
    for each row execute function exchange_protect_source();
