-- Received material in the store (docs/exchange.md, "Received material in the store"): which local
-- entity stands for which entity of a partner, and what the partner allowed us to do with it.
--
-- The local id is derived from the partner's (<partner>:<their id>), so a second message about the
-- same entity adds statements to the same local entity; this table records the mapping, when it was
-- first and last received, and whether every message that carried the entity allowed onward
-- transfer (sharing narrows: once a message said no, it stays no until the partner's recorded
-- permission, exchange_forward_permission, says otherwise).
create table exchange_received_entity (
    partner_id       text not null references exchange_partner (id),
    remote_id        text not null,
    local_id         text not null unique,
    onward_transfer  boolean not null,
    first_message    uuid not null,
    last_message     uuid not null,
    first_seen       timestamptz not null default now(),
    last_seen        timestamptz not null default now(),
    primary key (partner_id, remote_id)
);

-- What was stored before this table: the mapping from the statements' source and record key (the
-- message id), with the onward-transfer flag of those messages (no message found: not allowed).
insert into exchange_received_entity (partner_id, remote_id, local_id, onward_transfer, first_message, last_message)
select p.id, substr(s.entity_id, length(p.id) + 2), s.entity_id,
       coalesce(bool_and((i.message ->> 'onwardTransfer')::boolean), false),
       (array_agg(i.message_id order by i.received_at))[1], (array_agg(i.message_id order by i.received_at desc))[1]
from statement s
join exchange_partner p on s.source_id = 'exchange:' || p.id and s.entity_id like p.id || ':%'
join exchange_inbox i on i.message_id::text = s.record_key and i.partner_id = p.id
group by p.id, s.entity_id
on conflict do nothing;
