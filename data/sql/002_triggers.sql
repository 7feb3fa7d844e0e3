-- 002: row versions, the immutable event log, live NOTIFY.

-- wx_is_owner_of: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_is_owner_of(tbl regclass) RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT NULL::boolean $$;

-- wx_bump_version: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_bump_version() RETURNS trigger
  LANGUAGE plpgsql AS $$ BEGIN RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END; END $$;

CREATE TRIGGER service_orders_version BEFORE UPDATE ON service_orders
  FOR EACH ROW EXECUTE FUNCTION wx_bump_version();
CREATE TRIGGER customers_version BEFORE UPDATE ON customers
  FOR EACH ROW EXECUTE FUNCTION wx_bump_version();

-- wx_event_stamp: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_event_stamp() RETURNS trigger
  LANGUAGE plpgsql AS $$ BEGIN RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END; END $$;

-- wx_event_immutable: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_event_immutable() RETURNS trigger
  LANGUAGE plpgsql AS $$ BEGIN RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END; END $$;

CREATE TRIGGER order_events_stamp BEFORE INSERT ON order_events
  FOR EACH ROW EXECUTE FUNCTION wx_event_stamp();
CREATE TRIGGER order_events_immutable BEFORE UPDATE OR DELETE ON order_events
  FOR EACH ROW EXECUTE FUNCTION wx_event_immutable();
CREATE TRIGGER order_events_no_truncate BEFORE TRUNCATE ON order_events
  FOR EACH STATEMENT EXECUTE FUNCTION wx_event_immutable();

-- wx_notify_orders: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_notify_orders() RETURNS trigger
  LANGUAGE plpgsql AS $$ BEGIN RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END; END $$;

CREATE TRIGGER service_orders_notify_insert AFTER INSERT ON service_orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_orders();
CREATE TRIGGER service_orders_notify_update AFTER UPDATE ON service_orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_orders();
CREATE TRIGGER service_orders_notify_delete AFTER DELETE ON service_orders
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_orders();

-- wx_check_setting: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_check_setting() RETURNS trigger
  LANGUAGE plpgsql AS $$ BEGIN RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END; END $$;

CREATE TRIGGER settings_check BEFORE INSERT OR UPDATE ON settings
  FOR EACH ROW EXECUTE FUNCTION wx_check_setting();
