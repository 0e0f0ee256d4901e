-- Search: the vocabulary of name spellings for the typo fallback, with a trigram index.
-- The vocabulary is small (distinct spellings, not occurrences), so a trigram look-up stays fast
-- however many entities carry a name; a trigger keeps it in step with search_key.
create extension if not exists pg_trgm;

create table name_term (
    term text primary key
);
create index name_term_trgm_idx on name_term using gin (term gin_trgm_ops);

create function name_term_collect() returns trigger language plpgsql as $$
begin
    insert into name_term (term) values (new.key) on conflict do nothing;
    return null;
end
$$;

create trigger search_key_name_term after insert on search_key
    for each row when (new.kind = 'name-fold') execute function name_term_collect();

insert into name_term (term) select distinct key from search_key where kind = 'name-fold' on conflict do nothing;
