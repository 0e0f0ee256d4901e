-- Partner exchange between Besa nodes (docs/exchange.md): the partners this node trusts, what each
-- agreement lets cross, and the store-and-forward outbox and idempotent inbox that make delivery
-- exactly-once under retries, cuts and duplicates.

create table exchange_partner (
    id         text primary key check (id ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    agency     text not null,
    country    char(2) not null check (country ~ '^[A-Z]{2}$'),
    base_url   text not null check (base_url like 'https://%'),
    contact    text not null default '',
    active     boolean not null default true,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- A partner's TLS client/server certificates (several during a rotation), pinned by SHA-256 of the DER.
create table exchange_partner_certificate (
    fingerprint text primary key check (fingerprint ~ '^[0-9a-f]{64}$'),
    partner_id  text not null references exchange_partner (id),
    pem         text not null,
    added_at    timestamptz not null default now(),
    -- After a rotation the old certificate stays trusted until then; null: no end set.
    valid_until timestamptz
);
create index exchange_partner_certificate_partner_idx on exchange_partner_certificate (partner_id);

-- A partner's public JOSE keys: 'sig' verifies its messages and receipts, 'enc' is what we encrypt to.
create table exchange_partner_key (
    partner_id  text not null references exchange_partner (id),
    kid         text not null,
    use         text not null check (use in ('sig', 'enc')),
    jwk         text not null,
    added_at    timestamptz not null default now(),
    valid_until timestamptz,
    primary key (partner_id, kid)
);

create table exchange_agreement (
    partner_id       text primary key references exchange_partner (id),
    categories       text[] not null,
    legal_basis      text not null check (legal_basis <> ''),
    max_handling     smallint not null check (max_handling between 0 and 3),
    onward_transfer  boolean not null,
    updated_at       timestamptz not null default now()
);

-- Store-and-forward: a row per message to a partner, sealed once (the same bytes on every attempt).
create table exchange_outbox (
    message_id      uuid primary key,
    partner_id      text not null references exchange_partner (id),
    kind            text not null,
    thread_id       uuid not null,
    priority        text not null,
    reply_by        timestamptz,
    message         jsonb not null,
    jwe             text not null,
    jwe_sha256      text not null,
    status          text not null check (status in ('PENDING', 'DELIVERED', 'REJECTED', 'EXPIRED')),
    attempts        integer not null default 0,
    next_attempt_at timestamptz not null,
    valid_until     timestamptz not null,
    last_error      text,
    receipt         text,
    created_by      text not null,
    created_at      timestamptz not null,
    delivered_at    timestamptz
);
create index exchange_outbox_due_idx on exchange_outbox (next_attempt_at) where status = 'PENDING';

-- What partners delivered, once per message id; the receipt we signed goes back on every duplicate.
create table exchange_inbox (
    message_id  uuid primary key,
    partner_id  text not null references exchange_partner (id),
    kind        text not null,
    thread_id   uuid not null,
    priority    text not null,
    reply_by    timestamptz,
    sent_at     timestamptz not null,
    received_at timestamptz not null,
    message     jsonb not null,
    jwe_sha256  text not null,
    receipt     text not null
);
create index exchange_inbox_thread_idx on exchange_inbox (thread_id);
create index exchange_inbox_sha_idx on exchange_inbox (jwe_sha256);

-- Replay protection: every nonce seen, kept until the message it came with can no longer be valid.
create table exchange_nonce (
    partner_id text not null,
    nonce      text not null,
    message_id uuid not null,
    expires_at timestamptz not null,
    primary key (partner_id, nonce)
);
create index exchange_nonce_expiry_idx on exchange_nonce (expires_at);
