-- functions/core.sql — row versions, the immutable event log, NOTIFY, settings checks, order numbers.
-- Re-created by every migrate after the numbered migrations (HACKING.md):
-- edit the function here, never in a migration.

-- The staff login acting: session_user, the login that authenticated.
-- Inside SECURITY DEFINER functions current_user is the owner; this is
-- not. Only for a superuser or the owner (tests, the demo) does a SET ROLE
-- choose whom the database acts for: a staff login that SET ROLE to one of
-- its groups is still itself, so an event never hides who acted.
CREATE OR REPLACE FUNCTION wx_caller() RETURNS name
  LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
  SELECT (CASE WHEN current_setting('role') IN ('none', '') THEN session_user
               WHEN EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = session_user AND r.rolsuper)
                    OR pg_has_role(session_user, (SELECT c.relowner FROM pg_class c
                                                   WHERE c.oid = 'public.service_orders'::regclass), 'MEMBER')
                 THEN current_setting('role')
               ELSE session_user END)::name
$$;

-- Refuses input with the rule's sentence (src/db/wx-db-error.c rules[]):
-- SQLSTATE WX400, the rule as CONSTRAINT, the value given in DETAIL.
CREATE OR REPLACE FUNCTION wx_refuse(p_rule text, p_value text DEFAULT NULL) RETURNS void
  LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  RAISE EXCEPTION 'refused by rule %: %', p_rule, left(coalesce(p_value, ''), 80)
    USING ERRCODE = 'WX400', CONSTRAINT = coalesce(p_rule, 'unknown'),
          DETAIL = json_build_object('value', left(coalesce(p_value, ''), 200))::text;
END
$$;

CREATE OR REPLACE FUNCTION wx_setting(k text, fallback text DEFAULT NULL) RETURNS text
  LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT value FROM settings WHERE key = k), fallback)
  $$;

-- True when the current role owns `tbl` (the migrations owner): only it may
-- load rows with their own times and actors (demo data, imports).
CREATE OR REPLACE FUNCTION wx_is_owner_of(tbl regclass) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = tbl), 'MEMBER')
  $$;

-- Every UPDATE bumps the version and records who and when. Writers still say
-- `WHERE id = $1 AND version = $2` so that a concurrent change is detected.
CREATE OR REPLACE FUNCTION wx_bump_version() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW.version := OLD.version + 1;
  IF TG_TABLE_NAME = 'service_orders' THEN
    NEW.updated_at := now();
    NEW.updated_by := wx_caller();
  END IF;
  RETURN NEW;
END
$$;

-- Events: `at` is the server's time and `actor` the database role, whatever the
-- client sends; nobody may change or remove an event once written.
CREATE OR REPLACE FUNCTION wx_event_stamp() RETURNS trigger
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
CREATE OR REPLACE FUNCTION wx_event_immutable() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'ROW' AND wx_is_owner_of(TG_RELID) THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION 'order events cannot be changed or deleted'
    USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Every change of an order is announced on channel wx_orders so that every
-- open board updates itself. One notification per statement and per 80
-- orders (a payload must stay under 8000 bytes):
--   {"op":"update","orders":[{"id":…,"version":…,"number":"…","state":"…"}, …]}
-- What a card shows from another table (a payment's balance, an
-- escalation's mark: migration 031) announces its orders by id alone:
--   {"op":"insert","orders":[{"id":…}, …]}
CREATE OR REPLACE FUNCTION wx_notify_orders() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  chunk json;
  rows  text := CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END;
  own   boolean := TG_TABLE_NAME = 'service_orders';
BEGIN
  FOR chunk IN EXECUTE format(
      'SELECT json_agg(%s ORDER BY id)'
      '  FROM (SELECT *, (row_number() OVER (ORDER BY id) - 1) / 80 AS part FROM %s) r'
      ' GROUP BY part ORDER BY part',
      CASE WHEN own THEN 'json_build_object(''id'', id, ''version'', version, ''number'', number, ''state'', state)'
           ELSE 'json_build_object(''id'', id)' END,
      CASE WHEN own THEN quote_ident(rows)
           ELSE format('(SELECT DISTINCT order_id AS id FROM %I) d', rows) END) LOOP
    PERFORM pg_notify('wx_orders', json_build_object('op', lower(TG_OP), 'orders', chunk)::text);
  END LOOP;
  RETURN NULL;
END
$$;

-- Callbacks, complaints and escalations (032): one notification per
-- statement on channel wx_feedback, the payload the table that changed; the
-- supervisor's pages reload.
CREATE OR REPLACE FUNCTION wx_notify_feedback() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('wx_feedback', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

-- Settings the forms and the order numbers depend on must stay usable.
CREATE OR REPLACE FUNCTION wx_check_setting() RETURNS trigger
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

-- Beside wx_check_setting (002): the escalation thresholds are whole
-- numbers too; the company's details and the notice printed on forms have
-- a sensible length.
CREATE OR REPLACE FUNCTION wx_check_setting_more() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.key IN ('escalation.visits', 'escalation.part_orders', 'escalation.undiagnosed_days',
                 'escalation.on_site_hours')
     AND (NEW.value !~ '^[0-9]{1,4}$' OR NEW.value::integer < 1) THEN
    RAISE EXCEPTION 'setting % must be a whole number from 1 to 9999', NEW.key
      USING ERRCODE = 'check_violation', CONSTRAINT = 'setting_whole_number';
  ELSIF NEW.key = 'company.name' AND (NEW.value <> btrim(NEW.value) OR length(NEW.value) NOT BETWEEN 1 AND 100) THEN
    RAISE EXCEPTION 'the company name must be 1 to 100 characters without spaces around it'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'setting_company_name';
  ELSIF NEW.key IN ('company.address', 'company.phone', 'company.fax')
        AND (NEW.value <> btrim(NEW.value) OR length(NEW.value) > 200 OR NEW.value ~ '[\n\r]') THEN
    RAISE EXCEPTION 'setting % must be one line of at most 200 characters', NEW.key
      USING ERRCODE = 'check_violation', CONSTRAINT = 'setting_company_line';
  ELSIF NEW.key = 'notice.important' AND length(NEW.value) > 2000 THEN
    RAISE EXCEPTION 'the important notice may have at most 2000 characters'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'setting_notice_length';
  END IF;
  RETURN NEW;
END
$$;

-- One notification per statement on channel wx_settings; the payload is
-- the table that changed. Every client reloads what depends on it (the
-- clocks of the boards, the forms' header).
CREATE OR REPLACE FUNCTION wx_notify_settings() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('wx_settings', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

-- The next number of the year `at` falls in (in the shop's time zone), e.g.
-- 2026-000123 or with a prefix WX2026-000123. Unique and monotonic per year:
-- the counter row is locked until the inserting transaction ends.
CREATE OR REPLACE FUNCTION wx_next_order_number(at timestamptz DEFAULT now()) RETURNS text
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  y      integer := extract(year FROM at AT TIME ZONE wx_setting('timezone', 'Asia/Shanghai'))::integer;
  digits integer := wx_setting('order_number.digits', '6')::integer;
  n      bigint;
BEGIN
  INSERT INTO order_number_counters AS c (year, last) VALUES (y, 1)
    ON CONFLICT (year) DO UPDATE SET last = c.last + 1
    RETURNING last INTO n;
  IF n >= 10 ^ digits THEN
    RAISE EXCEPTION 'order numbers of % are exhausted for % digits', y, digits
      USING ERRCODE = 'check_violation', CONSTRAINT = 'order_number_exhausted';
  END IF;
  RETURN wx_setting('order_number.prefix', '') || y::text || '-' || lpad(n::text, digits, '0');
END
$$;

REVOKE ALL ON FUNCTION wx_caller(), wx_refuse(text, text) FROM PUBLIC;
-- wx_caller for the triggers that run as the staff (wx_bump_version);
-- wx_refuse only inside the functions that check input.
GRANT EXECUTE ON FUNCTION wx_caller() TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
REVOKE EXECUTE ON FUNCTION wx_refuse(text, text) FROM wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
