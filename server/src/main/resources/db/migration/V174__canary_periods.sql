-- Canaries are versioned: every period an entity was a canary is kept (canary_record holds only the
-- current ones and loses a row on unmark). The insider watch counts a look at an entity that was a canary
-- at any time within the look's window, so "unmark, look, re-mark" before the watch runs is still caught.
-- Written by triggers on canary_record, so no code path can change canaries without leaving a period.
create table canary_period (
    entity_id   text not null,
    marked_at   timestamptz not null,
    unmarked_at timestamptz,
    primary key (entity_id, marked_at),
    check (unmarked_at is null or unmarked_at >= marked_at)
);
create unique index canary_period_open_idx on canary_period (entity_id) where unmarked_at is null;
insert into canary_period (entity_id, marked_at) select entity_id, created_at from canary_record;

create or replace function besa_canary_period() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into canary_period (entity_id, marked_at) values (new.entity_id, greatest(new.created_at, now()))
            on conflict do nothing;
        return new;
    end if;
    update canary_period set unmarked_at = greatest(now(), marked_at) where entity_id = old.entity_id and unmarked_at is null;
    return old;
end $$;
create trigger canary_record_period after insert or delete on canary_record for each row execute function besa_canary_period();

-- The same second line as canary_record (V100): vetting work or the application only.
alter table canary_period enable row level security;
alter table canary_period force row level security;
create policy canary_period_access on canary_period using (besa_vetting_reader()) with check (besa_vetting_reader());
-- The history is kept: the application adds and closes periods, never removes one (V65's default grants otherwise).
do $$
begin
    if exists (select from pg_roles where rolname = 'besa_app') then
        revoke delete, truncate on canary_period from besa_app;
    end if;
end
$$;
