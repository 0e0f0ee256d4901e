-- Cross-matching sends padded sets (docs/exchange.md, "Cross-matching whole lists"): each side sends its
-- list as a bucket of elements (the rest dummies that never match), so the partner learns the bucket,
-- not the size. sent_size is how many elements this side sent of its own list (null: none sent, or a run
-- from before padding); a PSI requester needs it to finish a run after a restart.
alter table exchange_xmatch_session add column sent_size integer check (sent_size >= own_size);
