-- Attachment keys sealed at rest (docs/exchange.md, "Attachments"): each per-file AES key is kept
-- encrypted with the node's attachment sealing keys (<exchange key-dir>/attachments.key, outside the
-- database), with the version of the sealing key that did it, so a rotated key file still opens old rows.

-- Our files: key_version null marks a key written in the clear before V163; the start-up pass seals it.
alter table exchange_attachment add column key_version smallint check (key_version between 1 and 255);

-- A partner's files: the key its message carried, sealed, bound to the row when the message is accepted.
-- The inbox keeps the message without the keys (the start-up pass moves the keys of older messages here).
alter table exchange_attachment_in add column key bytea;
alter table exchange_attachment_in add column key_version smallint check (key_version between 1 and 255);
alter table exchange_attachment_in add constraint exchange_attachment_in_key_sealed check ((key is null) = (key_version is null));
