-- How many items a daily sharing package left out because they cannot travel as stored (a vetting lead with too long
-- a field or control characters): audited with the reasons by the selector, the count shown to the vetting unit.
alter table exchange_sharing_package add column skipped integer not null default 0;
