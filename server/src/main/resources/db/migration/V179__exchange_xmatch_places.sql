-- Padded cross-match sets mix the real elements among the dummies at random places (docs/exchange.md,
-- "Cross-matching whole lists"), so the places of matches do not betray the list's size. Each side keeps
-- where it put its own elements, never sent:
--   exchange_xmatch_own.slots: a PSI requester's place of each item of its list, in the list's order
--     (null: a run from before, whose items came first), to read the response after a restart;
--   exchange_xmatch_session.own_slots: a CLK responder's place of each record of the offered list in its
--     reply, so that a place the partner names (a candidate pair) maps back to the record, or to a dummy.
alter table exchange_xmatch_own add column slots integer[];
alter table exchange_xmatch_session add column own_slots integer[];
