-- The insider watch (issue 5): each user's daily consultations as the watch reads them from the audit
-- trail, the baseline its volume and hours rules compare a day against. Derived from the trail (which
-- stays the evidence); kept here so a baseline is one index range read, not an aggregate over millions
-- of audit rows. day and hours are local to besa.vetting.insider.zone.
create table insider_activity (
    username      text not null,
    day           date not null,
    consultations integer not null default 0 check (consultations >= 0),
    hours         integer not null default 0,          -- bit h set: at least one consultation in hour h (0..23)
    primary key (username, day)
);

-- The watch starts at the beginning of the trail (-1: nothing processed yet). The row exists from the
-- start so that two nodes starting together wait on its lock instead of both reading from the start.
insert into insider_watch_cursor (id, last_seq) values (1, -1) on conflict (id) do nothing;

-- Decoys also carry who marked them and whether Besa created the record (a quick decoy) or an
-- existing record was marked.
alter table canary_record add column created_decoy boolean not null default false;

-- Subject protection for insider alerts: they name the account; an account without an officer id is
-- hidden from itself by username (the other conditions of V90's policy are kept as they were).
drop policy vetting_alert_access on vetting_alert;
create or replace function besa_not_self_user(account text) returns boolean language sql stable as
    $$ select besa_system() or account is null or besa_setting('besa.user') = '' or account <> besa_setting('besa.user') $$;
create policy vetting_alert_access on vetting_alert
    using (besa_vetting_reader() and besa_not_self(officer_id) and besa_not_self_user(username))
    with check (besa_vetting_reader() and besa_not_self(officer_id) and besa_not_self_user(username));

-- Second line for the watch's own tables: vetting work or the application only (as V90's alerts).
alter table canary_record enable row level security;
alter table canary_record force row level security;
create policy canary_record_access on canary_record using (besa_vetting_reader()) with check (besa_vetting_reader());
alter table insider_activity enable row level security;
alter table insider_activity force row level security;
create policy insider_activity_access on insider_activity using (besa_vetting_reader()) with check (besa_vetting_reader());
