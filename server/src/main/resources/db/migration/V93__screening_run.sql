-- Screening runs (issue 5): what each full, per-entity or per-officer run looked at and what it did to
-- the alert queue, for the vetting unit's history page and the benchmarks. Counts only, no names;
-- still vetting material, so only vetting work and the application itself read it.
create table screening_run (
    id               bigint generated always as identity primary key,
    kind             text not null check (kind in ('FULL', 'ENTITIES', 'OFFICERS')),
    requested_by     text not null,             -- the user who asked, or 'besa' for automatic runs
    started_at       timestamptz not null,
    finished_at      timestamptz,
    officers         integer not null default 0,
    entities         bigint not null default 0, -- intelligence entities looked at (changed ones for ENTITIES)
    findings         integer not null default 0,
    alerts_created   integer not null default 0,
    alerts_updated   integer not null default 0,
    alerts_reopened  integer not null default 0,
    error            text                       -- why the run failed (its alert changes were rolled back)
);
create index screening_run_started_idx on screening_run (started_at desc);

alter table screening_run enable row level security;
alter table screening_run force row level security;
create policy screening_run_access on screening_run
    using (besa_vetting_reader()) with check (besa_vetting_reader());
