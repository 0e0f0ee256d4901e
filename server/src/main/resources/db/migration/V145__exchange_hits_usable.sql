-- Hit/no-hit and cross-matching made usable from pages and REST (docs/exchange.md, "Hit/no-hit and
-- cross-matching"): why each query was asked, secrets encrypted at rest, and the requester's state of
-- a cross-match run kept so that a restart between request and reply does not lose the run.

-- Why an officer asked a partner (the justification is also in the audit trail). The query itself is
-- the outbox message.
create table exchange_hit_query (
    query_id      uuid primary key references exchange_outbox (message_id),
    justification text not null check (justification <> ''),
    asked_by      text not null,
    asked_at      timestamptz not null
);

-- The CLK secret is now AES-GCM sealed (besa.platform.SealingKeys, key file <exchange key-dir>/secrets.key);
-- key_version null marks a row stored in the clear before this migration, sealed at the next start.
alter table exchange_clk_secret add column key_version smallint check (key_version between 1 and 255);

-- The requester's side of an open run: its own list (PSI: identifiers in the order they were blinded;
-- CLK: the persons) and, for PSI, its secret exponent, sealed. The secret is dropped when the run ends;
-- the list stays, to show the results against it.
create table exchange_xmatch_own (
    session_id  uuid primary key,
    items       jsonb not null,
    secret      bytea,
    key_version smallint check (key_version between 1 and 255),
    check ((secret is null) = (key_version is null))
);
