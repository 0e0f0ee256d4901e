-- One waiting change per partner and kind (docs/exchange.md, "Partner registry pages"): several
-- waiting agreement or activation requests could be approved one after the other and undo each
-- other or a narrowing made in between. Older duplicates still waiting are closed as superseded
-- by the newest (nothing of theirs applied), so the index can hold.
update exchange_partner_change c set status = 'REJECTED', decided_by = 'system', decided_at = now(),
       decision = 'superseded by a newer request of the same kind (one waiting change per partner and kind)'
where c.status = 'PENDING' and c.requested_by <> 'system'
  and exists (select 1 from exchange_partner_change n
              where n.partner_id = c.partner_id and n.kind = c.kind and n.status = 'PENDING'
                and (n.requested_at, n.id) > (c.requested_at, c.id));
create unique index exchange_partner_change_one_pending_idx on exchange_partner_change (partner_id, kind) where status = 'PENDING';
