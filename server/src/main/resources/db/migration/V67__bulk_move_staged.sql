-- The last step of the store's bulk writer (BulkWriter#finish), for the application's role: moves the
-- staged statements, edges and search keys into the store. Each foreign key is checked once, set-based
-- (one anti-join per key), and the rows then go in with the per-row foreign-key triggers skipped
-- (session_replication_role = replica): a trigger call and a row lock per row is most of the cost of
-- a large import. SECURITY DEFINER so that this function alone, owned by the schema owner, skips them:
-- the application's role can never set session_replication_role itself (that would also switch off
-- the audit trail's and the break-glass table's triggers).
--
-- Assumes, as the replica mode always did, that entities are never deleted while an import runs
-- (the store retires statements, ADR 0003). An erasure that deletes entities must lock out bulk loads.
--
-- Without the right to set session_replication_role (an external owner that is no superuser) the
-- function is created without it: the foreign-key triggers then run, correct but slower.
do $do$
declare
    body text := $body$
    begin
        -- The staging tables belong to the caller, and this function runs with the owner's rights: read
        -- them only if they are plain tables of built-in column types without row security, so that no
        -- view, policy or type of the caller's making can run its code with those rights.
        if exists (select 1 from pg_class c where c.oid in ('pg_temp.stage_entity'::regclass, 'pg_temp.stage_statement'::regclass,
                        'pg_temp.stage_edge'::regclass, 'pg_temp.stage_key'::regclass)
                   and (c.relkind <> 'r' or c.relrowsecurity or c.relpersistence <> 't' or c.relhasrules))
                or exists (select 1 from pg_attribute a where a.attrelid in ('pg_temp.stage_entity'::regclass, 'pg_temp.stage_statement'::regclass,
                        'pg_temp.stage_edge'::regclass, 'pg_temp.stage_key'::regclass)
                   and a.attnum > 0 and not a.attisdropped
                   and a.atttypid not in ('pg_catalog.text'::regtype, 'pg_catalog.date'::regtype, 'pg_catalog.bpchar'::regtype,
                                          'pg_catalog.int2'::regtype)) then
            raise exception 'the staging tables are not the bulk writer''s' using errcode = 'insufficient_privilege';
        end if;
        if exists (select 1 from pg_temp.stage_statement s where not exists (select 1 from public.entity e where e.id = s.entity_id))
                or exists (select 1 from pg_temp.stage_edge s where not exists (select 1 from public.entity e where e.id = s.relation_id))
                or exists (select 1 from pg_temp.stage_key s where not exists (select 1 from public.entity e where e.id = s.entity_id)) then
            raise exception 'staged rows refer to an entity that is not in the store' using errcode = 'foreign_key_violation';
        end if;
        if exists (select 1 from (select distinct source_id from pg_temp.stage_statement) s
                   where not exists (select 1 from public.source x where x.id = s.source_id)) then
            raise exception 'staged statements refer to a source that is not in the store' using errcode = 'foreign_key_violation';
        end if;
        insert into public.statement (entity_id, prop, value, original, source_id, record_key, originator, legal_basis,
            first_seen, last_seen, source_grade, info_grade, handling, review_due)
        select entity_id, prop, value, original, source_id, record_key, originator, legal_basis,
            first_seen, last_seen, source_grade, info_grade, handling, review_due from pg_temp.stage_statement
        on conflict (entity_id, prop, value, source_id) do nothing;
        get diagnostics statements_added = row_count;
        insert into public.edge (relation_id, type, subject_id, object_id)
        select relation_id, type, subject_id, object_id from pg_temp.stage_edge on conflict (relation_id) do nothing;
        insert into public.search_key (entity_id, kind, key) select entity_id, kind, key from pg_temp.stage_key on conflict do nothing;
        insert into public.name_term (term) select distinct key from pg_temp.stage_key where kind = name_kind on conflict do nothing;
    end
    $body$;
    replica boolean := has_parameter_privilege(current_user, 'session_replication_role', 'SET');
begin
    execute format($f$
        create function store_move_staged(name_kind text, out statements_added bigint)
        language plpgsql security definer
        set search_path = pg_catalog, public, pg_temp
        %s
        as %L$f$,
        case when replica then 'set session_replication_role = replica' else '' end, body);
    if not replica then
        raise notice 'store_move_staged: the owner may not set session_replication_role; foreign-key triggers will run';
    end if;
end
$do$;

revoke all on function store_move_staged(text) from public;
do $$
begin
    if exists (select from pg_roles where rolname = 'besa_app') then
        grant execute on function store_move_staged(text) to besa_app;
    end if;
end
$$;
