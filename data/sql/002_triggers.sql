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

CREATE FUNCTION wx_event_immutable() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
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
-- open board updates itself: {"id":…, "version":…, "number":"…", "state":"…", "op":"…"}.
-- A statement that touches many orders at once (a bulk load, a month's
-- reconciliation) sends one {"op":"bulk","count":N} instead, and boards reload.
CREATE FUNCTION wx_notify_orders() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
  r record;
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT count(*) INTO n FROM old_rows;
  ELSE
    SELECT count(*) INTO n FROM new_rows;
  END IF;
  IF n > 50 THEN
    PERFORM pg_notify('wx_orders', json_build_object('op', 'bulk', 'count', n)::text);
  ELSIF n > 0 THEN
    FOR r IN EXECUTE format('SELECT id, version, number, state FROM %I ORDER BY id',
                            CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END) LOOP
      PERFORM pg_notify('wx_orders', json_build_object(
        'id', r.id, 'version', r.version, 'number', r.number, 'state', r.state, 'op', lower(TG_OP))::text);
    END LOOP;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER service_orders_notify_insert AFTER INSERT ON service_orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_orders();
CREATE TRIGGER service_orders_notify_update AFTER UPDATE ON service_orders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_orders();
CREATE TRIGGER service_orders_notify_delete AFTER DELETE ON service_orders
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_orders();
