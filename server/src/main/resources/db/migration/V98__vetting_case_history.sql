-- Case files (issue 5): the history of a case's human decisions, and the second line for the
-- pillars, evidence and history: their rows are visible exactly when their case is (V90's policy on
-- vetting_case: members of its compartment, vetting work, never the subject himself).

-- Every decision taken on a case, kept even when a later one replaces it (a revised finding).
create table vetting_case_decision (
    id         bigint generated always as identity primary key,
    case_id    bigint not null references vetting_case (id) on delete cascade,
    kind       text not null check (kind in ('OPEN', 'FINDING', 'OUTCOME', 'MEMBER_ADDED', 'MEMBER_REMOVED', 'EVIDENCE', 'EXPORT')),
    pillar     text check (pillar in ('ASSETS', 'BACKGROUND', 'PROFICIENCY')),
    verdict    text,                         -- the finding, the outcome, the member, the evidence title, the recipient
    reason     text not null check (length(btrim(reason)) > 0),
    decided_by text not null,
    decided_at timestamptz not null default now()
);
create index vetting_case_decision_case_idx on vetting_case_decision (case_id, decided_at);

-- Subqueries on vetting_case run under its own policy, so these follow it.
alter table vetting_pillar enable row level security;
alter table vetting_pillar force row level security;
create policy vetting_pillar_access on vetting_pillar
    using (exists (select 1 from vetting_case c where c.id = case_id))
    with check (exists (select 1 from vetting_case c where c.id = case_id));

alter table vetting_evidence enable row level security;
alter table vetting_evidence force row level security;
create policy vetting_evidence_access on vetting_evidence
    using (exists (select 1 from vetting_case c where c.id = case_id))
    with check (exists (select 1 from vetting_case c where c.id = case_id));

alter table vetting_case_decision enable row level security;
alter table vetting_case_decision force row level security;
create policy vetting_case_decision_access on vetting_case_decision
    using (exists (select 1 from vetting_case c where c.id = case_id))
    with check (exists (select 1 from vetting_case c where c.id = case_id));
