-- Second factors (issue 4). TOTP: one confirmed secret per account. last_used_step is the time
-- step of the last code accepted: a code is accepted only for a later step, so no code is ever
-- accepted twice (RFC 6238 section 5.2).
create table totp_secret (
    username       text primary key references app_user (username) on delete cascade,
    secret         bytea not null,
    last_used_step bigint not null,
    enrolled_at    timestamptz not null default now()
);

-- Single-use recovery codes, stored as SHA-256 hashes only (the codes carry 80 random bits, so a
-- slow password hash adds nothing). A used code keeps its row, with the time it was spent.
create table recovery_code (
    username  text not null references app_user (username) on delete cascade,
    code_hash bytea not null,
    issued_at timestamptz not null default now(),
    used_at   timestamptz,
    primary key (username, code_hash)
);
