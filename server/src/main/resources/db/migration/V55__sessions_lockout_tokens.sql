-- Account status beyond enabled/disabled: a temporary suspension with its reason, and service
-- accounts (no person behind them; they authenticate with API tokens only).
alter table app_user
    add column suspended_until   timestamptz,
    add column suspension_reason text,
    add column service           boolean not null default false;

-- Failed logins, kept a day: they are counted per account (lockout) and per source address
-- (throttling against password spraying). The username is kept only for existing accounts, so a
-- password typed into the username box is not stored.
create table login_failure (
    id             bigint generated always as identity primary key,
    username       text references app_user (username),
    client_address text not null,
    at             timestamptz not null
);
create index login_failure_username_idx on login_failure (username, at) where username is not null;
create index login_failure_address_idx on login_failure (client_address, at);
create index login_failure_at_idx on login_failure (at);

-- A locked account or a throttled address, until the given time. In the database, so that every
-- node sees it and a restart does not lift it.
create table login_block (
    kind          text not null check (kind in ('ACCOUNT', 'ADDRESS')),
    subject       text not null,
    blocked_until timestamptz not null,
    primary key (kind, subject)
);

-- Personal API tokens: only the SHA-256 of the token is stored (a token carries 256 random bits,
-- so a fast hash is enough); it is shown once, when issued.
create table api_token (
    id          bigint generated always as identity primary key,
    username    text not null references app_user (username),
    label       text not null,
    token_hash  bytea not null unique,
    created_at  timestamptz not null,
    created_by  text not null,
    expires_at  timestamptz not null,
    revoked_at  timestamptz,
    revoked_by  text
);
create index api_token_username_idx on api_token (username);
