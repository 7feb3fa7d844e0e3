-- 031_skeleton.sql — boards without a reload every minute (issue 21).
--
-- The clients move their cards' clocks on themselves each minute and load
-- orders again only when wx_orders says they changed. A card also shows
-- what lives in other tables: the balance (payments) and the open
-- escalations. A payment, or an escalation raised or resolved, without a
-- step of its order announces the order too (wx_notify_orders, by id).

CREATE TRIGGER payments_notify_insert AFTER INSERT ON payments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_orders();
CREATE TRIGGER payments_notify_update AFTER UPDATE ON payments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_orders();
CREATE TRIGGER escalations_notify_insert AFTER INSERT ON escalations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_orders();
CREATE TRIGGER escalations_notify_update AFTER UPDATE ON escalations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_orders();
