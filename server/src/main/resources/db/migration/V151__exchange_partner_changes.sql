-- The partner registry's changes that widen where intelligence may go (docs/exchange.md, "Partner
-- registry pages"): a new or wider agreement, a certificate or public keys added, a partner made
-- active again. One liaison officer asks, with a reason; a second one approves (applied then) or
-- rejects. Narrowing changes (deactivating, narrowing an agreement, contact details) apply at once
-- and are only audited, so they are not kept here.
create table exchange_partner_change (
    id            uuid primary key,
    partner_id    text not null references exchange_partner (id),
    kind          text not null check (kind in ('AGREEMENT', 'CERTIFICATE', 'KEYS', 'ACTIVATE')),
    payload       jsonb not null,
    summary       text not null,                -- what it changes, as the approver reads it
    reason        text not null check (reason <> ''),
    status        text not null check (status in ('PENDING', 'APPLIED', 'REJECTED')),
    requested_by  text not null,
    requested_at  timestamptz not null default now(),
    decided_by    text,
    decided_at    timestamptz,
    decision      text,
    check (decided_by is null or decided_by <> requested_by)
);
create index exchange_partner_change_pending_idx on exchange_partner_change (requested_at) where status = 'PENDING';
