-- The outbox dispatcher claims pending events with a short lease instead of holding a transaction open
-- while subscribers run (PGlite has one session), so a crashed node's claim simply runs out and another
-- node picks the events up again: at-least-once delivery.
alter table outbox_events add column claimed_until timestamptz;
alter table outbox_events add column dispatch_attempts integer not null default 0;
alter table outbox_events add column dispatch_error text;

-- Keyset paging of a webhook's delivery log, newest first: ids are UUIDv7, so id order is time order.
create index webhook_deliveries_page_idx on webhook_deliveries (workspace_id, webhook_id, id desc);
