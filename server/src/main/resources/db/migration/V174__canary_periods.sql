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
-- canary_record is under forced row-level security (V100), which binds the owner too: read it as the
-- system for the copy (the setting lasts until the migration's transaction ends).
select set_config('besa.system', 'on', true);
insert into canary_period (entity_id, marked_at) select entity_id, created_at from canary_record;

create or replace function besa_canary_period() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        insert into canary_period (entity_id, marked_at) values (new.entity_id, clock_timestamp())
            on conflict do nothing;
        return new;
    end if;
    update canary_period set unmarked_at = greatest(clock_timestamp(), marked_at) where entity_id = old.entity_id and unmarked_at is null;
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
