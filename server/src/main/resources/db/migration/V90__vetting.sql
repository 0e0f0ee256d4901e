-- Integrity vetting (issue 5): the personnel register, integrity leads, screening alerts with their
-- factors and the vetting unit's decisions, case files, and canary records for the insider watch.
-- Everything here is vetting material: read only through besa.vetting, by vetting officers, never
-- about themselves (row-level security below is the second line).

-- The personnel register, imported from HR (re-importable: an import replaces an officer's rows).
create table officer (
    id          text primary key,           -- HR personnel number
    given_name  text not null,
    father_name text,
    surname     text not null,
    birth_date  text,                       -- ISO, partial allowed (1985, 1985-03, 1985-03-12)
    unit        text,
    rank        text,
    active      boolean not null default true,   -- false once an import no longer carries him
    imported_at timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

-- Phones (E.164), IMEIs (15 digits), vehicles (plate, upper case without spaces) and addresses
-- (as written; key = folded) the officer holds; origin: ISSUED by the force, DECLARED by him, HR record.
create table officer_identifier (
    officer_id text not null references officer (id) on delete cascade,
    kind       text not null check (kind in ('PHONE', 'IMEI', 'VEHICLE', 'ADDRESS')),
    value      text not null,
    original   text not null,
    origin     text not null default 'HR' check (origin in ('ISSUED', 'DECLARED', 'HR')),
    primary key (officer_id, kind, value)
);
create index officer_identifier_value_idx on officer_identifier (kind, value);

-- Postings and duty rosters: where and when the officer was on duty.
create table officer_duty (
    officer_id text not null references officer (id) on delete cascade,
    starts_at  timestamptz not null,
    ends_at    timestamptz not null,
    unit       text,
    place      text not null,
    latitude   double precision,
    longitude  double precision,
    check (ends_at >= starts_at)
);
create index officer_duty_officer_idx on officer_duty (officer_id, starts_at);

-- Self-declarations. cryptophone_use: the answer to "have you used Sky ECC / EncroChat or similar?".
create table officer_declaration (
    officer_id      text not null references officer (id) on delete cascade,
    declared_on     date not null,
    question        text not null,
    answer          text not null,
    cryptophone_use boolean,
    primary key (officer_id, declared_on, question)
);

-- Partner-supplied integrity intelligence: one identifier a partner links to police.
create table lead (
    id           bigint generated always as identity primary key,
    reference    text not null,              -- the originator's reference
    originator   text not null,
    legal_basis  text not null,
    handling     smallint not null check (handling between 0 and 3),
    platform     text,                       -- SKY_ECC, ENCROCHAT, ANOM, PHONE, ...
    kind         text not null check (kind in ('PHONE', 'IMEI', 'ACCOUNT', 'PIN', 'NAME', 'VEHICLE', 'ADDRESS')),
    value        text not null,              -- clean (E.164, 15-digit IMEI, handle as given, ...)
    original     text not null,
    attribution  text not null,              -- how the partner attributed it (e.g. "co-location with issued phone")
    entity_id    text,                       -- the intelligence entity it concerns, when known
    received_at  timestamptz not null default now(),
    imported_by  text not null,
    unique (originator, reference, kind, value)
);
create index lead_value_idx on lead (kind, value);

-- Screening and insider-watch alerts: one open alert per subject and origin, carrying factors.
create table vetting_alert (
    id             bigint generated always as identity primary key,
    origin         text not null check (origin in ('SCREENING', 'INSIDER')),
    officer_id     text,                     -- the officer concerned (screening; insider when known)
    username       text,                     -- the account concerned (insider watch)
    status         text not null default 'NEW' check (status in ('NEW', 'ASSIGNED', 'DISMISSED', 'ESCALATED')),
    score          double precision not null check (score between 0 and 1),
    assignee       text,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    dismissed_by   text,
    dismissed_at   timestamptz,
    dismiss_reason text,
    check (officer_id is not null or username is not null),
    check (status <> 'DISMISSED' or (dismiss_reason is not null and length(btrim(dismiss_reason)) > 0))
);
-- One alert per subject and origin, reused: a dismissed alert reopens rather than a twin appearing.
create unique index vetting_alert_subject_idx on vetting_alert (origin, coalesce(officer_id, ''), coalesce(username, ''));
create index vetting_alert_status_idx on vetting_alert (status, score desc);
create index vetting_alert_officer_idx on vetting_alert (officer_id);

-- One reason an alert was raised. key identifies the finding (kind + evidence ids), so a screening
-- run that finds it again updates it, and a dismissed alert comes back only for a key it did not hold.
create table vetting_factor (
    alert_id    bigint not null references vetting_alert (id) on delete cascade,
    key         text not null,
    kind        text not null check (kind in ('IDENTIFIER', 'PERSON', 'NETWORK', 'COLOCATION', 'CONTRADICTION', 'INSIDER')),
    weight      double precision not null check (weight between 0 and 1),
    summary_sq  text not null,
    summary_en  text not null,
    evidence    jsonb not null,              -- entity ids, path, coinciding events, audit entry ids ...
    active      boolean not null default true,
    first_seen  timestamptz not null default now(),
    last_seen   timestamptz not null default now(),
    primary key (alert_id, key)
);

-- The vetting unit's judgement: on the alert's score (factor_key null) or on one factor.
create table vetting_decision (
    id          bigint generated always as identity primary key,
    alert_id    bigint not null references vetting_alert (id) on delete cascade,
    factor_key  text,
    verdict     text not null check (verdict in ('AGREE', 'DISAGREE', 'DISMISS', 'ASSIGN', 'ESCALATE', 'REOPEN')),
    reason      text not null check (length(btrim(reason)) > 0),
    decided_by  text not null,
    decided_at  timestamptz not null default now()
);
create index vetting_decision_alert_idx on vetting_decision (alert_id, decided_at);

-- A case file per officer; its members are the members of its VETTING compartment (V60).
create table vetting_case (
    id             bigint generated always as identity primary key,
    officer_id     text not null references officer (id),
    compartment_id bigint not null unique references compartment (id),
    status         text not null default 'OPEN' check (status in ('OPEN', 'CLOSED')),
    outcome        text check (outcome in ('CLEARED', 'DISCIPLINARY', 'PROSECUTOR')),
    outcome_reason text,
    opened_by      text not null,
    opened_at      timestamptz not null default now(),
    closed_by      text,
    closed_at      timestamptz,
    check (status = 'OPEN' or (outcome is not null and outcome_reason is not null))
);
create unique index vetting_case_open_idx on vetting_case (officer_id) where status = 'OPEN';

-- The three pillars of the vetting law, each with a reasoned finding.
create table vetting_pillar (
    case_id    bigint not null references vetting_case (id) on delete cascade,
    pillar     text not null check (pillar in ('ASSETS', 'BACKGROUND', 'PROFICIENCY')),
    finding    text check (finding in ('SATISFACTORY', 'CONCERN', 'UNSATISFACTORY')),
    reasoning  text,
    decided_by text,
    decided_at timestamptz,
    primary key (case_id, pillar)
);

create table vetting_evidence (
    id         bigint generated always as identity primary key,
    case_id    bigint not null references vetting_case (id) on delete cascade,
    pillar     text not null check (pillar in ('ASSETS', 'BACKGROUND', 'PROFICIENCY')),
    kind       text not null check (kind in ('ALERT', 'ENTITY', 'NOTE', 'FILE')),
    reference  text,                         -- alert id or entity id
    title      text not null,
    content    bytea,                        -- notes and files
    sha256     text not null,
    added_by   text not null,
    added_at   timestamptz not null default now()
);
create index vetting_evidence_case_idx on vetting_evidence (case_id);

-- Decoy records: any lookup is an insider alert.
create table canary_record (
    entity_id  text primary key,
    note       text not null,
    created_by text not null,
    created_at timestamptz not null default now()
);

-- How far the insider watch has read the audit trail.
create table insider_watch_cursor (
    id        smallint primary key check (id = 1),
    last_seq  bigint not null
);

-- Second line: vetting material only for vetting work (besa.vetting = 'on', set by besa.vetting's
-- guard for vetting officers) or the application's own processes (besa.system), and never rows
-- about the officer the session's user is (besa.officer).
create or replace function besa_vetting_reader() returns boolean language sql stable as
    $$ select besa_system() or besa_setting('besa.vetting') = 'on' $$;
create or replace function besa_not_self(officer text) returns boolean language sql stable as
    $$ select besa_system() or officer is null or besa_setting('besa.officer') = '' or officer <> besa_setting('besa.officer') $$;

alter table vetting_alert enable row level security;
alter table vetting_alert force row level security;
create policy vetting_alert_access on vetting_alert
    using (besa_vetting_reader() and besa_not_self(officer_id))
    with check (besa_vetting_reader() and besa_not_self(officer_id));

alter table vetting_case enable row level security;
alter table vetting_case force row level security;
create policy vetting_case_access on vetting_case
    using (besa_system() or (besa_vetting_reader() and besa_not_self(officer_id) and compartment_id = any(besa_member_of())))
    with check (besa_vetting_reader() and besa_not_self(officer_id));
