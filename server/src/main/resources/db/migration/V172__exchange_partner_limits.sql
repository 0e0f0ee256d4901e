-- Per-partner limits on hit/no-hit queries and cross-matching (docs/exchange.md, "Limits per partner"):
-- a query or run over a limit is answered with the same refusal whatever it asked, and remembered here.
-- The counts themselves come from the answered queries and runs, so a restart forgets nothing.
alter table exchange_hit_received drop constraint exchange_hit_received_outcome_check;
alter table exchange_hit_received add constraint exchange_hit_received_outcome_check check (outcome in ('HIT', 'NO_HIT', 'REFUSED', 'LIMITED'));
alter table exchange_xmatch_session drop constraint exchange_xmatch_session_status_check;
alter table exchange_xmatch_session add constraint exchange_xmatch_session_status_check
    check (status in ('SENT', 'DONE', 'REFUSED', 'LOST', 'LIMITED'));

-- Messages refused for a limit; alerted marks the one that raised the window's SECURITY_ALERT.
create table exchange_limit_refusal (
    message_id  uuid primary key references exchange_inbox (message_id),
    partner_id  text not null references exchange_partner (id),
    kind        text not null check (kind in ('HIT_QUERY', 'XMATCH')),
    limit_name  text not null,
    limit_value integer not null,
    received_at timestamptz not null,
    alerted     boolean not null
);
create index exchange_limit_refusal_partner_idx on exchange_limit_refusal (partner_id, kind, received_at);

-- The limits count a partner's answered queries and runs by the time their message arrived.
create index exchange_hit_received_partner_idx on exchange_hit_received (partner_id);
create index exchange_xmatch_session_partner_idx on exchange_xmatch_session (partner_id, role);
