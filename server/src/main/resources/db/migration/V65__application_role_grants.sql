-- Least privilege at run time: the application connects as besa_app, which owns nothing and cannot
-- change the schema; the owner (whoever runs these migrations) keeps DDL. besa_app may read and write
-- rows; default privileges give every table a later migration creates the same rights, and a
-- migration that needs less (an append-only table) revokes them there, as below for the audit trail.
-- Without a besa_app role (an external database run with one role; see docs/access.md) nothing is granted.
do $$
begin
    if not exists (select from pg_roles where rolname = 'besa_app') then
        raise notice 'role besa_app does not exist: runtime grants skipped (single-role setup)';
        return;
    end if;
    revoke create on schema public from public; -- already so since PostgreSQL 15; a migrated older database too
    grant usage on schema public to besa_app;
    grant select, insert, update, delete on all tables in schema public to besa_app;
    grant usage, select on all sequences in schema public to besa_app;
    alter default privileges in schema public grant select, insert, update, delete on tables to besa_app;
    alter default privileges in schema public grant usage, select on sequences to besa_app;

    -- The audit trail is append-only for the application: read and add, never change or remove.
    revoke update, delete, truncate on audit_entry from besa_app;
    -- The migration history is the owner's business alone.
    if to_regclass('flyway_schema_history') is not null then
        revoke all on flyway_schema_history from besa_app;
    end if;
end
$$;
