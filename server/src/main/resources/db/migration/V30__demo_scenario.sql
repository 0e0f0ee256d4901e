-- The demo scenarios a database holds. A row is written only when a load has completed, so an
-- interrupted load is simply run again (loading is idempotent).
create table demo_scenario (
    seed       bigint not null,
    size       text not null,
    entities   bigint not null,
    statements bigint not null,
    loaded_at  timestamptz not null default now(),
    primary key (seed, size)
);
