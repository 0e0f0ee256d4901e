-- Vetting alert and case ids no longer sequential (security review of issue 5): with identity
-- columns a vetting officer listing every alert saw a gap where his own, hidden, alert sat. New rows
-- get a random positive id of at most 53 bits (exact in JavaScript); existing rows keep theirs.

-- 56 random bits of a version-4 UUID (hex digits 1-12 and 14-15: digit 13 is the fixed version),
-- folded into 1 .. 2^53 - 1. A clash with an existing id (about n / 2^53) fails the insert, never overwrites.
create or replace function besa_random_id() returns bigint language sql volatile as $$
    select 1 + (('x' || substr(h, 1, 12) || substr(h, 14, 2))::bit(56)::bigint % 9007199254740991)
    from (select replace(gen_random_uuid()::text, '-', '') as h) u
$$;

alter table vetting_alert alter column id drop identity;
alter table vetting_alert alter column id set default besa_random_id();

alter table vetting_case alter column id drop identity;
alter table vetting_case alter column id set default besa_random_id();
