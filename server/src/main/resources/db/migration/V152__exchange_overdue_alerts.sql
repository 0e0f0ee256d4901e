-- Overdue requests (docs/exchange.md, "Overdue alerts"): one row per request whose reply deadline
-- passed unanswered, written with its audit event, so that each is alerted once however often the
-- check runs. direction: OWED_BY_US (a partner's request we have not answered) or OWED_TO_US.
create table exchange_overdue_alert (
    message_id  uuid primary key,
    direction   text not null check (direction in ('OWED_BY_US', 'OWED_TO_US')),
    partner_id  text not null references exchange_partner (id),
    reply_by    timestamptz not null,
    alerted_at  timestamptz not null default now()
);
