-- Review of V173/V174 (issue 5 leftovers).
--
-- 1. Suspension only after a human act: an alert that screening or the insider watch raised on its own
--    (NEW) no longer suspends the officer, so that nothing tips him off before a person has looked at it;
--    an ASSIGNED alert (a vetting officer took it up) and an OPEN case do. Otherwise as V173.
create or replace function besa_vetting_suspended(account text, officer text) returns boolean
    language sql stable set besa.system = 'on' set search_path = pg_catalog, public, pg_temp as $$
    select (btrim(coalesce(officer, '')) <> '' and (
                exists (select 1 from vetting_case c
                        where c.status = 'OPEN' and upper(btrim(c.officer_id)) = upper(btrim(officer)))
                or exists (select 1 from vetting_alert a
                           where a.status = 'ASSIGNED' and upper(btrim(a.officer_id)) = upper(btrim(officer)))))
        or (coalesce(account, '') <> '' and exists (
                select 1 from vetting_alert a where a.status = 'ASSIGNED' and a.username = account))
$$;

-- 2. Officer ids of accounts (besa.access.AccountAdministration): the id must be an officer of the personnel
--    register, and an id that is the subject of open vetting work (an OPEN case, a NEW or ASSIGNED alert) may
--    not be changed, or one administrator could lift a suspension by renaming it. The register and the
--    vetting tables are closed to the administrator's session (row-level security), so these look as the system.
create or replace function besa_officer_registered(officer text) returns boolean
    language sql stable set besa.system = 'on' set search_path = pg_catalog, public, pg_temp as $$
    select exists (select 1 from officer o where upper(btrim(o.id)) = upper(btrim(officer)))
$$;

create or replace function besa_officer_under_vetting(officer text) returns boolean
    language sql stable set besa.system = 'on' set search_path = pg_catalog, public, pg_temp as $$
    select btrim(coalesce(officer, '')) <> '' and (
        exists (select 1 from vetting_case c where c.status = 'OPEN' and upper(btrim(c.officer_id)) = upper(btrim(officer)))
        or exists (select 1 from vetting_alert a where a.status in ('NEW', 'ASSIGNED') and upper(btrim(a.officer_id)) = upper(btrim(officer))))
$$;

-- 3. The canary trigger runs with a pinned search path too (a table of the same name earlier on the path
--    must not receive the periods).
alter function besa_canary_period() set search_path = pg_catalog, public, pg_temp;

-- 4. A canary period is history: the only change allowed is closing an open period (setting unmarked_at,
--    not before marked_at). The application's role keeps UPDATE for that; everything else is refused here.
create or replace function besa_canary_period_guard() returns trigger
    language plpgsql set search_path = pg_catalog, public, pg_temp as $$
begin
    if old.unmarked_at is not null then
        raise exception 'canary period of % from % is closed: it cannot be changed', old.entity_id, old.marked_at
            using errcode = 'check_violation';
    end if;
    if new.entity_id is distinct from old.entity_id or new.marked_at is distinct from old.marked_at or new.unmarked_at is null then
        raise exception 'a canary period may only be closed (unmarked_at set), not otherwise changed'
            using errcode = 'check_violation';
    end if;
    return new;
end $$;
create trigger canary_period_guard before update on canary_period for each row execute function besa_canary_period_guard();
