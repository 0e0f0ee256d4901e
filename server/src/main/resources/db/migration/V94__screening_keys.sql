-- Incremental screening starts from the few search keys of changed intelligence entities and looks up
-- the officers' identifiers by the same key: E.164 phones and plates as they are, IMEIs by their first
-- 14 digits (search_key 'imei' holds the core without the check digit).
create index officer_identifier_key_idx on officer_identifier (kind, (case when kind = 'IMEI' then left(value, 14) else value end));
