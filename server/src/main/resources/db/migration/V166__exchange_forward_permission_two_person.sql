-- Forwarding permissions follow the registry's two-person rule (docs/exchange.md, "Partner registry
-- pages"): recording an originator's permission widens where its material may go, so one liaison
-- officer asks (a change of kind PERMISSION, partner_id = the originator) and a second approves.
-- Withdrawing one narrows and is done at once by one officer; the withdrawal is kept here, so an
-- approval asked for before it can see that a narrowing was made since and is refused.
alter table exchange_partner_change drop constraint exchange_partner_change_kind_check;
alter table exchange_partner_change add constraint exchange_partner_change_kind_check
    check (kind in ('AGREEMENT', 'CERTIFICATE', 'KEYS', 'ACTIVATE', 'PERMISSION'));

-- One waiting change per partner and kind still holds for the registry's own kinds; an originator may
-- have several permission requests waiting, one per recipient and entity (null entity: all its material).
drop index exchange_partner_change_one_pending_idx;
create unique index exchange_partner_change_one_pending_idx on exchange_partner_change (partner_id, kind)
    where status = 'PENDING' and kind <> 'PERMISSION';
create unique index exchange_partner_change_one_permission_idx
    on exchange_partner_change (partner_id, (payload ->> 'recipient'), coalesce(payload ->> 'entity', ''))
    where status = 'PENDING' and kind = 'PERMISSION';

-- Who approved (null: recorded by one officer before this rule) and the change that asked for it.
alter table exchange_forward_permission add column approved_by text;
alter table exchange_forward_permission add column change_id uuid references exchange_partner_change (id);
alter table exchange_forward_permission add constraint exchange_forward_permission_two_people
    check (approved_by is null or approved_by <> recorded_by);

-- Permissions withdrawn: the row leaves exchange_forward_permission (so every reader stops honouring
-- it at once) and its copy is kept here with who, when and why.
create table exchange_forward_permission_withdrawal (
    id             bigint primary key,          -- the permission's id
    originator_id  text not null references exchange_partner (id),
    recipient_id   text not null references exchange_partner (id),
    entity_id      text,
    reference      text not null,
    recorded_by    text not null,
    recorded_at    timestamptz not null,
    approved_by    text,
    withdrawn_by   text not null,
    withdrawn_at   timestamptz not null,
    reason         text not null check (reason <> '')
);
create index exchange_forward_permission_withdrawal_pair_idx on exchange_forward_permission_withdrawal (originator_id, recipient_id, withdrawn_at);
