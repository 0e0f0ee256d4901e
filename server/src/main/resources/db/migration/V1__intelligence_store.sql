-- The intelligence store: entities are views over statements; every value keeps its provenance.
-- Nothing an originator supplied is overwritten: a statement that an updated file no longer
-- carries is retired (retired_at), not deleted.
create extension if not exists pg_trgm;

create table source (
    id          text primary key,
    title       text not null,
    originator  text not null,
    legal_basis text not null,
    created_at  timestamptz not null default now()
);

create table entity (
    id         text primary key,
    type       text not null,
    caption    text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);
create index entity_type_idx on entity (type);

create table statement (
    id           bigint generated always as identity primary key,
    entity_id    text not null references entity (id) on delete cascade,
    prop         text not null,
    value        text not null,
    original     text not null,
    source_id    text not null references source (id),
    record_key   text,
    originator   text not null,
    legal_basis  text not null,
    first_seen   date,
    last_seen    date,
    source_grade char(1) not null check (source_grade in ('A', 'B', 'C', 'X')),
    info_grade   smallint not null check (info_grade between 1 and 4),
    handling     smallint not null check (handling between 0 and 3),
    review_due   date,
    created_at   timestamptz not null default now(),
    retired_at   timestamptz,
    unique (entity_id, prop, value, source_id)
);
create index statement_entity_idx on statement (entity_id) where retired_at is null;
create index statement_source_record_idx on statement (source_id, record_key);

-- Relations are entities too; this is their edge, derived from the subject/object statements.
create table edge (
    relation_id text primary key references entity (id) on delete cascade,
    type        text not null,
    subject_id  text not null,
    object_id   text not null
);
create index edge_subject_idx on edge (subject_id);
create index edge_object_idx on edge (object_id);

-- Index keys that property types derive from clean values (name keys, E.164, IMEI core, ...).
create table search_key (
    entity_id text not null references entity (id) on delete cascade,
    kind      text not null,
    key       text not null,
    primary key (kind, key, entity_id)
);
create index search_key_entity_idx on search_key (entity_id);

create table app_user (
    username      text primary key,
    display_name  text not null,
    password_hash text not null,
    roles         text[] not null,
    enabled       boolean not null default true,
    created_at    timestamptz not null default now()
);
