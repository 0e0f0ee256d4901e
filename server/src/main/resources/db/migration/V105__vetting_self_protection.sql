-- Integrity vetting, security review fixes: the second line (row-level security) also for the
-- personnel register, the leads, and the factors and decisions of alerts. A vetting officer's
-- session never reads or writes rows about the officer he is, whatever code path forgets to check.

-- Self comparison ignores case and surrounding spaces: an account's officer id 'p-42 ' is register id 'P-42'.
create or replace function besa_not_self(officer text) returns boolean language sql stable as
    $$ select besa_system() or officer is null or btrim(besa_setting('besa.officer')) = ''
              or upper(btrim(officer)) <> upper(btrim(besa_setting('besa.officer'))) $$;

-- The personnel register: the application (no user settings) and the system read and write every
-- row; a user's session never his own.
alter table officer enable row level security;
alter table officer force row level security;
create policy officer_access on officer using (besa_not_self(id)) with check (besa_not_self(id));

alter table officer_identifier enable row level security;
alter table officer_identifier force row level security;
create policy officer_identifier_access on officer_identifier using (besa_not_self(officer_id)) with check (besa_not_self(officer_id));

alter table officer_duty enable row level security;
alter table officer_duty force row level security;
create policy officer_duty_access on officer_duty using (besa_not_self(officer_id)) with check (besa_not_self(officer_id));

alter table officer_declaration enable row level security;
alter table officer_declaration force row level security;
create policy officer_declaration_access on officer_declaration using (besa_not_self(officer_id)) with check (besa_not_self(officer_id));

-- Whether a lead is about the session's officer: its (kind, value) is one of his identifiers, or it
-- concerns the same intelligence entity as a lead that is. His identifier rows are hidden from his
-- session (above), so this looks as the system (the SET clause lasts for the call only).
create index lead_entity_idx on lead (entity_id) where entity_id is not null;
create or replace function besa_lead_about(officer text, lead_kind text, lead_value text, lead_entity text) returns boolean
    language sql stable set besa.system = 'on' as $$
    select btrim(coalesce(officer, '')) <> '' and (
        exists (select 1 from officer_identifier i
                where i.kind = lead_kind and i.value = lead_value and upper(btrim(i.officer_id)) = upper(btrim(officer)))
        or (lead_entity is not null and exists (
                select 1 from lead l join officer_identifier i on i.kind = l.kind and i.value = l.value
                where l.entity_id = lead_entity and upper(btrim(i.officer_id)) = upper(btrim(officer)))))
$$;

-- Leads: vetting work or the system only, never about the reader. The case keeps the system's
-- branch first so the function's own read of lead (as the system) does not recurse.
alter table lead enable row level security;
alter table lead force row level security;
create policy lead_access on lead
    using (case when besa_system() then true else besa_vetting_reader() and not besa_lead_about(besa_setting('besa.officer'), kind, value, entity_id) end)
    with check (besa_vetting_reader());

-- Factors and decisions are visible exactly when their alert is (V90/V100's policy on vetting_alert).
alter table vetting_factor enable row level security;
alter table vetting_factor force row level security;
create policy vetting_factor_access on vetting_factor
    using (exists (select 1 from vetting_alert a where a.id = alert_id))
    with check (exists (select 1 from vetting_alert a where a.id = alert_id));

alter table vetting_decision enable row level security;
alter table vetting_decision force row level security;
create policy vetting_decision_access on vetting_decision
    using (exists (select 1 from vetting_alert a where a.id = alert_id))
    with check (exists (select 1 from vetting_alert a where a.id = alert_id));

-- Storing a lead, skipping one already stored. The importer may bring a lead about himself (the
-- partner's file is whole); his own session may neither see it nor, through ON CONFLICT and RETURNING
-- (which apply the read policy to the new row), write it. So the write runs as the system, for
-- vetting work only, and the system setting is restored before returning.
create or replace function besa_lead_insert(p_reference text, p_originator text, p_legal_basis text, p_handling smallint,
        p_platform text, p_kind text, p_value text, p_original text, p_attribution text, p_entity_id text, p_imported_by text)
        returns bigint language plpgsql volatile as $$
declare
    previous text := besa_setting('besa.system');
    new_id bigint;
begin
    if not besa_vetting_reader() then
        raise exception 'leads are stored only in vetting work' using errcode = '42501';
    end if;
    perform set_config('besa.system', 'on', true);
    insert into lead (reference, originator, legal_basis, handling, platform, kind, value, original, attribution, entity_id, imported_by)
    values (p_reference, p_originator, p_legal_basis, p_handling, p_platform, p_kind, p_value, p_original, p_attribution, p_entity_id, p_imported_by)
    on conflict (originator, reference, kind, value) do nothing
    returning id into new_id;
    perform set_config('besa.system', previous, true);
    return new_id;
end
$$;
