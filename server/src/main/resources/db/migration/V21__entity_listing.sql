-- Entity lists (GET /api/entities) page by caption, optionally within one type: without these
-- indexes every page would sort the whole entity table.
create index entity_caption_idx on entity (caption, id);
create index entity_type_caption_idx on entity (type, caption, id);
