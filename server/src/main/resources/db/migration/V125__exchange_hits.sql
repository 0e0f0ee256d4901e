-- Hit/no-hit queries and privacy-preserving cross-matching between Besa nodes (docs/exchange.md,
-- "Hit/no-hit and cross-matching"). Everything here is about partners' questions and our answers:
-- the data itself stays in the intelligence store and leaves only through an approved release.

-- Hit queries we received, once per inbox message: what was asked and what we answered.
create table exchange_hit_received (
    message_id  uuid primary key references exchange_inbox (message_id),
    partner_id  text not null references exchange_partner (id),
    query       jsonb not null,
    outcome     text not null check (outcome in ('HIT', 'NO_HIT', 'REFUSED')),
    answer_id   uuid,
    answered_at timestamptz not null
);

-- The opaque reference handed out for a hit: random, and only meaningful here, to the partner who asked.
create table exchange_hit_reference (
    ref         text primary key,
    partner_id  text not null references exchange_partner (id),
    query_id    uuid not null references exchange_hit_received (message_id),
    entity_ids  text[] not null,
    created_at  timestamptz not null
);

-- A partner's request for the data behind a reference, and the owner's decision (who, when, why).
create table exchange_hit_release (
    request_id  uuid primary key references exchange_inbox (message_id),
    ref         text not null references exchange_hit_reference (ref),
    partner_id  text not null references exchange_partner (id),
    status      text not null check (status in ('PENDING', 'APPROVED', 'REFUSED')),
    requested_at timestamptz not null,
    decided_by  text,
    decided_at  timestamptz,
    reason      text,
    reply_id    uuid
);

-- Lists this node offers a partner for cross-matching (its own data; never sent in the clear).
create table exchange_xmatch_list (
    partner_id  text not null references exchange_partner (id),
    name        text not null,
    method      text not null check (method in ('PSI', 'CLK')),
    items       jsonb not null,
    updated_at  timestamptz not null,
    primary key (partner_id, name, method)
);

-- The Bloom-filter key shared with a partner by agreement (>= 32 bytes, agreed out of band).
create table exchange_clk_secret (
    partner_id  text primary key references exchange_partner (id),
    secret      bytea not null check (length(secret) >= 32),
    updated_at  timestamptz not null
);

-- A cross-match run, on either side, with what this side learned about the other's list (its size).
create table exchange_xmatch_session (
    session_id  uuid not null,
    role        text not null check (role in ('REQUESTER', 'RESPONDER')),
    partner_id  text not null references exchange_partner (id),
    method      text not null check (method in ('PSI', 'CLK')),
    list_name   text not null,
    own_size    integer not null,
    peer_size   integer,
    status      text not null check (status in ('SENT', 'DONE', 'REFUSED', 'LOST')),
    started_by  text not null,
    started_at  timestamptz not null,
    finished_at timestamptz,
    message_id  uuid,
    primary key (session_id, role)
);

-- What the requester learned: only the matches (PSI: its own identifiers in the intersection;
-- CLK: its own record index, the partner's record index in the session, the Dice score).
create table exchange_xmatch_result (
    session_id  uuid not null,
    own_item    text not null,
    peer_index  integer not null default -1, -- -1 for PSI (no partner-side index)
    dice        real,
    primary key (session_id, own_item, peer_index)
);

-- Data requests naming a reference we never gave that partner: refused at once, remembered so the
-- worker handles each once.
create table exchange_hit_unknown_request (
    request_id  uuid primary key references exchange_inbox (message_id)
);
