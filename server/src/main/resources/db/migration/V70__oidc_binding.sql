-- Single sign-on: each local account is bound to one subject at an OpenID provider, on its first
-- sign-in there. A later sign-in with another subject (a renamed or recycled user name at the
-- provider) is refused, and one subject can never sign in to two accounts.
create table oidc_binding (
    issuer    text not null,
    subject   text not null,
    username  text not null references app_user (username) on delete cascade,
    bound_at  timestamptz not null default now(),
    primary key (issuer, subject),
    unique (issuer, username)
);
