-- Screening benchmark scenarios a database holds (besa.vetting.scenario). A row is written only when
-- a load has completed, so an interrupted load is simply run again (loading is idempotent).
create table vetting_scenario (
    seed       bigint not null,
    officers   integer not null,
    entities   bigint not null,
    generated  bigint not null,               -- entities actually generated (at least the target)
    loaded_at  timestamptz not null default now(),
    primary key (seed, officers, entities)
);
