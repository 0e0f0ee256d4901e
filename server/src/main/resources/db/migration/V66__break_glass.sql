-- Break-glass grants: an administrator's justified, time-boxed (at most one hour) access to content
-- his role does not reach. Kept forever as evidence: auditors review each one after it is over.
create table break_glass_grant (
    id            bigint generated always as identity primary key,
    username      text not null,
    reason        text not null check (reason in ('LIFE_AT_RISK', 'OPERATION_URGENT', 'LEGAL_OBLIGATION', 'INCIDENT_RESPONSE', 'OTHER')),
    justification text not null check (length(btrim(justification)) between 1 and 2000),
    scope         text not null default '',
    granted_at    timestamptz not null,
    expires_at    timestamptz not null,
    ended_at      timestamptz,
    ended_by      text,
    reviewed_at   timestamptz,
    reviewed_by   text,
    finding       text check (finding in ('JUSTIFIED', 'NOT_JUSTIFIED')),
    review_note   text,
    check (expires_at > granted_at and expires_at <= granted_at + interval '1 hour'),
    check ((ended_at is null) = (ended_by is null) and (ended_at is null or ended_at >= granted_at)),
    check ((finding is null) = (reviewed_at is null) and (finding is null) = (reviewed_by is null)
           and (finding is null) = (review_note is null)),
    check (reviewed_by is null or reviewed_by <> username)
);
create index break_glass_grant_recent_idx on break_glass_grant (granted_at desc);
create index break_glass_grant_live_idx on break_glass_grant (username, expires_at) where ended_at is null;

-- A grant is never extended, revived or re-reviewed: its time, holder and justification are fixed,
-- an end is final, and so is a finding. (The application's role may only touch the end and review columns.)
create function break_glass_grant_guard() returns trigger language plpgsql as $$
begin
    if new.id <> old.id or new.username <> old.username or new.reason <> old.reason
            or new.justification <> old.justification or new.scope <> old.scope
            or new.granted_at <> old.granted_at or new.expires_at <> old.expires_at
            or (old.ended_at is not null and (new.ended_at is distinct from old.ended_at or new.ended_by is distinct from old.ended_by))
            or (old.finding is not null and (new.finding is distinct from old.finding or new.review_note is distinct from old.review_note
                or new.reviewed_by is distinct from old.reviewed_by or new.reviewed_at is distinct from old.reviewed_at)) then
        raise exception 'break-glass grant % is fixed once made: its time is never extended, an end and a finding are final', old.id
            using errcode = 'insufficient_privilege';
    end if;
    return new;
end
$$;
create trigger break_glass_grant_fixed before update on break_glass_grant
    for each row execute function break_glass_grant_guard();

-- Least privilege for the application (V65's default privileges gave it full row rights).
do $$
begin
    if exists (select from pg_roles where rolname = 'besa_app') then
        revoke update, delete, truncate on break_glass_grant from besa_app;
        grant update (ended_at, ended_by, reviewed_at, reviewed_by, finding, review_note) on break_glass_grant to besa_app;
    end if;
end
$$;
