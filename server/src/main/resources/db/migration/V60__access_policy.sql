-- The authorisation policy's data: per-account attributes, the originators' restrictions, and
-- compartments (cases, operations, vetting files) with their members and the entities they hold.

-- Highest handling code the account may read (0..3; null = the role's default), its own vetting
-- status, and the officer (personnel id / entity id) the account is: vetting material about him is hidden from him.
alter table app_user add column clearance smallint check (clearance between 0 and 3);
alter table app_user add column vetting_status text not null default 'CLEARED'
    check (vetting_status in ('CLEARED', 'UNDER_REVIEW', 'SUSPENDED'));
alter table app_user add column officer_id text;

-- A source with rows here is readable only by users holding one of these roles.
create table source_restriction (
    source_id text not null references source (id) on delete cascade,
    role      text not null,
    primary key (source_id, role)
);

create table compartment (
    id         bigint generated always as identity primary key,
    kind       text not null check (kind in ('CASE', 'OPERATION', 'VETTING')),
    reference  text not null unique,
    title      text not null,
    -- For VETTING: the officer (personnel id / entity id) the file is about.
    subject    text,
    created_at timestamptz not null default now(),
    check (kind <> 'VETTING' or subject is not null)
);

create table compartment_member (
    compartment_id bigint not null references compartment (id) on delete cascade,
    username       text not null references app_user (username) on delete cascade,
    granted_by     text not null,
    granted_at     timestamptz not null default now(),
    revoked_at     timestamptz,
    primary key (compartment_id, username)
);
create index compartment_member_user_idx on compartment_member (username) where revoked_at is null;

-- Kind and subject are copied from the compartment (both never change) so that a user's session
-- can find the material about himself without seeing the compartment itself.
create table compartment_entity (
    compartment_id bigint not null references compartment (id) on delete cascade,
    entity_id      text not null,
    kind           text not null,
    subject        text,
    primary key (compartment_id, entity_id)
);
create index compartment_entity_entity_idx on compartment_entity (entity_id);

-- That an entity is in some compartment (and whether one is a vetting file), without saying which:
-- the policy's deny check must not depend on rows the row-level security hides.
create table restricted_entity (
    entity_id text primary key,
    vetting   boolean not null
);

-- Second line: row-level security on the compartment tables, also for their owner. The application
-- sets, per transaction: besa.user, besa.compartments ('{1,2}'), besa.officer, or besa.system = 'on'
-- for its own maintenance. A connection that sets nothing sees no row.
create or replace function besa_setting(name text) returns text language sql stable as
    $$ select coalesce(current_setting(name, true), '') $$;
create or replace function besa_system() returns boolean language sql stable as
    $$ select besa_setting('besa.system') = 'on' $$;
create or replace function besa_member_of() returns bigint[] language sql stable as
    $$ select case when besa_setting('besa.compartments') = '' then '{}'::bigint[]
                   else besa_setting('besa.compartments')::bigint[] end $$;

alter table compartment enable row level security;
alter table compartment force row level security;
create policy compartment_read on compartment
    using (besa_system() or id = any(besa_member_of()))
    with check (besa_system());

alter table compartment_member enable row level security;
alter table compartment_member force row level security;
create policy compartment_member_read on compartment_member
    using (besa_system() or (besa_setting('besa.user') <> '' and username = besa_setting('besa.user'))
           or compartment_id = any(besa_member_of()))
    with check (besa_system());

alter table compartment_entity enable row level security;
alter table compartment_entity force row level security;
create policy compartment_entity_read on compartment_entity
    using (besa_system() or compartment_id = any(besa_member_of())
           or (besa_setting('besa.officer') <> '' and subject = besa_setting('besa.officer')))
    with check (besa_system());

alter table restricted_entity enable row level security;
alter table restricted_entity force row level security;
create policy restricted_entity_read on restricted_entity
    using (besa_system() or besa_setting('besa.user') <> '')
    with check (besa_system());
