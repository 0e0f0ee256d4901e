-- Name-pair search keys (two sound keys of one name, in code-point order, as PropertyType.namePair
-- builds them) for names indexed before they existed, so full-name queries need not aggregate every
-- bearer of each token. Pairs are derived per entity here, per name value in Java: old data may get
-- a few extra pairs across an entity's names, which only widens the candidates.
insert into search_key (entity_id, kind, key)
select distinct a.entity_id, 'name-pair', a.key || ' ' || b.key
from search_key a
join search_key b on b.entity_id = a.entity_id and b.kind = 'name' and a.key collate "C" < b.key collate "C"
where a.kind = 'name'
on conflict do nothing;
