-- An entity that came from us and comes back from a partner attaches to our own entity (docs/exchange.md,
-- "Received material in the store"): several partners may then map one of their ids to the same local
-- entity, so the local id is unique per partner only. Forwarding looks it up by (local id, partner).
alter table exchange_received_entity drop constraint exchange_received_entity_local_id_key;
alter table exchange_received_entity add constraint exchange_received_entity_partner_local unique (partner_id, local_id);
