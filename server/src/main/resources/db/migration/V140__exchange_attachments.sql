-- Attachments of partner messages (docs/exchange.md, "Attachments"). The files themselves are on
-- disk under <data-dir>/exchange/attachments, always encrypted (AES-256-GCM in chunks, a fresh key
-- per file); these tables describe them.

-- Files we send: uploaded by a liaison officer, bound to a draft when composed, then to the message.
create table exchange_attachment (
    id            uuid primary key,
    name          text not null,
    media_type    text not null,
    size          bigint not null check (size >= 0),
    sha256        text not null,              -- hex, of the plaintext
    cipher_size   bigint not null,
    cipher_sha256 text not null,              -- hex, of the ciphertext as stored and sent
    key           bytea not null,             -- the file's AES-256 key; it leaves only inside the message's JWE
    uploaded_by   text not null,
    uploaded_at   timestamptz not null,
    draft_id      uuid references exchange_draft (id),
    message_id    uuid,                       -- the outbox message that carries it
    from_partner  text,                       -- a received attachment passed on: whose it is,
    from_message  uuid                        -- and the message it came with
);
create index exchange_attachment_draft on exchange_attachment (draft_id);
create index exchange_attachment_message on exchange_attachment (message_id);

-- Ciphertext a partner uploaded before its message (which carries the key). One row per distinct
-- content under an id, so uploading the same file again changes nothing.
create table exchange_attachment_in (
    partner_id    text not null,
    id            uuid not null,
    cipher_sha256 text not null,
    cipher_size   bigint not null,
    received_at   timestamptz not null,
    message_id    uuid,                       -- set when the message naming it is accepted
    primary key (partner_id, id, cipher_sha256)
);
create index exchange_attachment_in_message on exchange_attachment_in (message_id);
