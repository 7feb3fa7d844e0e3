-- 014_report.sql — indexes for the supervisor's weekly and monthly reports
-- (src/db/wx-db-report.c): each figure is counted over a range of time —
-- events of a week (quotes, agreements; the orders that moved since the end
-- of a week, for its backlog), handovers, payments, callbacks done and
-- complaints received.
CREATE INDEX order_events_at_idx ON order_events (at);
CREATE INDEX order_events_event_at_idx ON order_events (event, at);
CREATE INDEX service_orders_picked_up_idx ON service_orders (picked_up_at) WHERE picked_up_at IS NOT NULL;
CREATE INDEX payments_at_idx ON payments (at);
CREATE INDEX callbacks_done_at_idx ON callbacks (done_at) WHERE done_at IS NOT NULL;
CREATE INDEX complaints_received_at_idx ON complaints (received_at);
