-- Security leftovers of issue 5: a vetting officer who is himself the subject of an open vetting case
-- or of an open alert (NEW or ASSIGNED; screening by officer id, insider watch by officer id or account)
-- does no vetting work until it is closed (besa.access.policy.DefaultAccessPolicy asks this for
-- accounts with a vetting role). His own rows are hidden from his session, so this looks as the system
-- (the SET clause lasts for the call only). Officer ids compare ignoring case and surrounding spaces (V105).
create or replace function besa_vetting_suspended(account text, officer text) returns boolean
    language sql stable set besa.system = 'on' as $$
    select (btrim(coalesce(officer, '')) <> '' and (
                exists (select 1 from vetting_case c
                        where c.status = 'OPEN' and upper(btrim(c.officer_id)) = upper(btrim(officer)))
                or exists (select 1 from vetting_alert a
                           where a.status in ('NEW', 'ASSIGNED') and upper(btrim(a.officer_id)) = upper(btrim(officer)))))
        or (coalesce(account, '') <> '' and exists (
                select 1 from vetting_alert a where a.status in ('NEW', 'ASSIGNED') and a.username = account))
$$;

-- Asked on every request of a vetting officer: index probes, not scans.
create index vetting_case_open_subject_idx on vetting_case (upper(btrim(officer_id))) where status = 'OPEN';
create index vetting_alert_open_officer_idx on vetting_alert (upper(btrim(officer_id))) where status in ('NEW', 'ASSIGNED');
create index vetting_alert_open_username_idx on vetting_alert (username) where status in ('NEW', 'ASSIGNED');
