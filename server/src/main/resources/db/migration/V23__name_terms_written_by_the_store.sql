-- The store's bulk writer now adds new spellings to name_term set-based, once per batch, instead of
-- a row trigger firing for every search key. (All writes of search_key go through that writer.)
drop trigger search_key_name_term on search_key;
drop function name_term_collect();
