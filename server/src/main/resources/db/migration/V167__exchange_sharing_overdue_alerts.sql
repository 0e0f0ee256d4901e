-- Daily-sharing packages left unapproved (docs/exchange.md, "Daily sharing"): one row per package still
-- waiting for a second liaison officer after besa.exchange.sharing-approval-overdue (default 24 h),
-- written with its audit event, so that each is alerted once however often the check runs.
create table exchange_sharing_overdue_alert (
    package_id  uuid primary key references exchange_sharing_package (id),
    partner_id  text not null references exchange_partner (id),
    built_at    timestamptz not null,
    alerted_at  timestamptz not null default now()
);
