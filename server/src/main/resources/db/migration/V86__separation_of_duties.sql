-- Separation of duties, enforced by the database so that no path (administration, seeding, SQL
-- from a test or a script) can make an administrator a reader: ADMINISTRATOR never goes with a
-- role that reads intelligence nor with AUDITOR (who reviews administrators' break-glass grants),
-- and a service account (tokens only, no person behind it) is never an administrator or auditor.
-- Adding the constraints fails if an existing account breaks the rule: fix its roles first.
alter table app_user add constraint app_user_administrator_alone check (
    not ('ADMINISTRATOR' = any (roles))
    or not (roles && array['ANALYST', 'VETTING_OFFICER', 'LIAISON_OFFICER', 'OPERATIONS_COMMANDER', 'AUDITOR']::text[]));
alter table app_user add constraint app_user_service_not_privileged check (
    not service or not (roles && array['ADMINISTRATOR', 'AUDITOR']::text[]));
