-- Daily sharing (docs/exchange.md, "Daily sharing"): scheduled packages per partner agreement.
-- A package is built automatically as an exchange draft waiting for a liaison officer's approval
-- (exchange_draft), sent through the outbox and receipted there; these tables hold the schedules,
-- which package was built for which due time, and which statements each schedule has handled.

create table exchange_sharing_schedule (
    id          uuid primary key,
    partner_id  text not null references exchange_partner (id),
    category    text not null check (category in ('PERSON', 'ORGANISATION', 'VETTING_LEAD', 'CYBER_INDICATOR', 'OPERATION_RESULT')),
    source_id   text,                                   -- only material of this source (null: any)
    originator  text,                                   -- only material of this originator (null: any)
    at_time     time not null,                          -- local time in Europe/Tirane
    weekdays    smallint not null check (weekdays between 1 and 127), -- bit 0 = Monday ... bit 6 = Sunday
    ceiling     smallint not null check (ceiling between 0 and 3),    -- highest handling code a package may carry
    active      boolean not null,
    since       timestamptz not null,                   -- material stored before this is never "new"
    last_due    timestamptz,                            -- the due time the last package was built for
    owner       text not null,                          -- who last set it; the packages are composed in his name
    created_by  text not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);

-- One row per due time a schedule ran: a package (BUILT, draft_id), nothing new, or not allowed (note why).
create table exchange_sharing_package (
    id          uuid primary key,
    outcome     text not null check (outcome in ('BUILT', 'NOTHING_NEW', 'NOT_ALLOWED')),
    schedule_id uuid not null references exchange_sharing_schedule (id),
    partner_id  text not null references exchange_partner (id),
    category    text not null,
    due_at      timestamptz not null,
    built_at    timestamptz not null,
    entities    integer not null,
    statements  integer not null,
    draft_id    uuid references exchange_draft (id),
    note        text not null default '',
    check ((outcome = 'BUILT') = (draft_id is not null)),
    unique (schedule_id, due_at)
);
create index exchange_sharing_package_due_idx on exchange_sharing_package (due_at desc);

-- What a schedule has considered (sent, or held back), e.g. 'statement:42': "new material" is what is not here.
create table exchange_sharing_item (
    schedule_id uuid not null references exchange_sharing_schedule (id),
    item_key    text not null,
    package_id  uuid not null references exchange_sharing_package (id),
    primary key (schedule_id, item_key)
);
