-- 002: row versions, the immutable event log, live NOTIFY.

-- True when the current role owns `tbl` (the migrations owner): only it may
-- load rows with their own times and actors (demo data, imports).
CREATE FUNCTION wx_is_owner_of(tbl regclass) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = tbl), 'MEMBER')
  $$;

-- Every UPDATE bumps the version and records who and when. Writers still say
-- `WHERE id = $1 AND version = $2` so that a concurrent change is detected.
CREATE FUNCTION wx_bump_version() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  IF TG_TABLE_NAME = 'service_orders' THEN
    NEW.updated_at := now();
    NEW.updated_by := current_user;
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER service_orders_version BEFORE UPDATE ON service_orders
  FOR EACH ROW EXECUTE FUNCTION wx_bump_version();
CREATE TRIGGER customers_version BEFORE UPDATE ON customers
  FOR EACH ROW EXECUTE FUNCTION wx_bump_version();

-- Events: `at` is the server's time and `actor` the database role, whatever the
-- client sends; nobody may change or remove an event once written.
CREATE FUNCTION wx_event_stamp() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NOT wx_is_owner_of(TG_RELID) THEN
    NEW.at := now();
    NEW.actor := current_user;
  END IF;
  RETURN NEW;
END
$$;

-- Only the migrations owner may correct or remove an event (GRANTs already
-- keep the app roles out; this also holds if a GRANT is ever widened).
CREATE FUNCTION wx_event_immutable() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'ROW' AND wx_is_owner_of(TG_RELID) THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION 'order events cannot be changed or deleted'
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER order_events_stamp BEFORE INSERT ON order_events
  FOR EACH ROW EXECUTE FUNCTION wx_event_stamp();
CREATE TRIGGER order_events_immutable BEFORE UPDATE OR DELETE ON order_events
  FOR EACH ROW EXECUTE FUNCTION wx_event_immutable();
CREATE TRIGGER order_events_no_truncate BEFORE TRUNCATE ON order_events
  FOR EACH STATEMENT EXECUTE FUNCTION wx_event_immutable();

-- Every change of an order is announced on channel wx_orders so that every
-- open board updates itself. One notification per statement and per 80
-- orders (a payload must stay under 8000 bytes):
--   {"op":"update","orders":[{"id":…,"version":…,"number":"…","state":"…"}, …]}
CREATE FUNCTION wx_notify_orders() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  chunk json;
BEGIN
  FOR chunk IN EXECUTE format(
      'SELECT json_agg(json_build_object(''id'', id, ''version'', version, ''number'', number, ''state'', state) ORDER BY id)'
      '  FROM (SELECT id, version, number, state, (row_number() OVER (ORDER BY id) - 1) / 80 AS part FROM %I) r'
      ' GROUP BY part ORDER BY part',
      CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END) LOOP
    PERFORM pg_notify('wx_orders', json_build_object('op', lower(TG_OP), 'orders', chunk)::text);
  END LOOP;
  RETURN NULL;
END
$$;

CREATE TRIGGER service_orders_notify_insert AFTER INSERT ON service_orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_orders();
CREATE TRIGGER service_orders_notify_update AFTER UPDATE ON service_orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_orders();
CREATE TRIGGER service_orders_notify_delete AFTER DELETE ON service_orders
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_orders();

-- Settings the forms and the order numbers depend on must stay usable.
CREATE FUNCTION wx_check_setting() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.key = 'order_number.prefix' AND NEW.value !~ '^[A-Za-z0-9-]{0,8}$' THEN
    RAISE EXCEPTION 'the order number prefix may have up to 8 letters, digits and dashes'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'setting_order_number_prefix';
  ELSIF NEW.key = 'order_number.digits' AND NEW.value !~ '^[4-9]$' THEN
    RAISE EXCEPTION 'order numbers have 4 to 9 digits'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'setting_order_number_digits';
  ELSIF NEW.key = 'timezone' AND NOT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = NEW.value) THEN
    RAISE EXCEPTION 'unknown time zone %', NEW.value
      USING ERRCODE = 'check_violation', CONSTRAINT = 'setting_timezone';
  ELSIF NEW.key IN ('return_repair.days', 'cluster.orders', 'cluster.days')
        AND (NEW.value !~ '^[0-9]{1,4}$' OR NEW.value::integer < 1) THEN
    RAISE EXCEPTION 'setting % must be a whole number from 1 to 9999', NEW.key
      USING ERRCODE = 'check_violation', CONSTRAINT = 'setting_whole_number';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER settings_check BEFORE INSERT OR UPDATE ON settings
  FOR EACH ROW EXECUTE FUNCTION wx_check_setting();
