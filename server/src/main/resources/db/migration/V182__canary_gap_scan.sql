-- A canary marked again after a gap: the insider watch re-reads the trail for reads of it in the gap
-- (they were processed while it was no canary, possibly long before the new mark, beyond any window).
-- One row per new period once that is done, so each gap is read once (besa.vetting.insider.InsiderWatch).
create table canary_gap_scan (
    entity_id  text not null,
    marked_at  timestamptz not null,
    scanned_at timestamptz not null default now(),
    primary key (entity_id, marked_at)
);
-- The same second line as canary_period (V174): vetting work or the application only.
alter table canary_gap_scan enable row level security;
alter table canary_gap_scan force row level security;
create policy canary_gap_scan_access on canary_gap_scan using (besa_vetting_reader()) with check (besa_vetting_reader());
