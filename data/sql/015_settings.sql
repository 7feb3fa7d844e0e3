-- 015_settings.sql — what the administrator's settings and staff pages need:
-- the escalation thresholds as settings (they were numbers in the code),
-- checks for every setting a page writes, a notification on channel
-- wx_settings whenever the settings, the calendar, the clocks or the staff
-- change (every client reloads what depends on them), and the staff
-- accounts' passwords, which arrive hashed by the client (scram-sha-256):
-- no clear password travels to the server or shows in its logs.

-- ------------------------------------------------------------ settings

INSERT INTO settings (key, value, description) VALUES
  ('escalation.visits',           '2', 'On-site visits without a fix that escalate an order'),
  ('escalation.part_orders',      '2', 'Part orders for one order that escalate it'),
  ('escalation.undiagnosed_days', '7', 'Days after receipt without a diagnosis that escalate an order')
  ON CONFLICT (key) DO NOTHING;

-- Beside wx_check_setting (002): the escalation thresholds are whole
-- numbers too; the company's details and the notice printed on forms have
-- a sensible length.
CREATE FUNCTION wx_check_setting_more() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.key IN ('escalation.visits', 'escalation.part_orders', 'escalation.undiagnosed_days')
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

CREATE TRIGGER settings_check_more BEFORE INSERT OR UPDATE ON settings
  FOR EACH ROW EXECUTE FUNCTION wx_check_setting_more();

-- ------------------------------------------------------------ escalation thresholds

-- The workflow's automatic escalations (wx_transition, last defined by an
-- earlier migration) compare with the settings instead of the number 2.
-- The function is patched where it says so rather than copied here, so
-- that this migration does not undo what another one changed in it; the
-- migration fails if the text to patch is not found.
DO $$
DECLARE
  v_old text := pg_get_functiondef('wx_transition(text, integer, text, jsonb)'::regprocedure);
  v_new text := v_old;
  v_from text[] := ARRAY[
    'v_count >= 2 AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.order_id = o.id AND x.trigger = ''two_visits'')',
    'v_count >= 2 AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.order_id = o.id AND x.trigger = ''two_part_orders'')'];
  v_to text[] := ARRAY[
    'v_count >= wx_setting(''escalation.visits'', ''2'')::integer AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.order_id = o.id AND x.trigger = ''two_visits'')',
    'v_count >= wx_setting(''escalation.part_orders'', ''2'')::integer AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.order_id = o.id AND x.trigger = ''two_part_orders'')'];
BEGIN
  FOR i IN 1 .. cardinality(v_from) LOOP
    IF position(v_from[i] IN v_new) = 0 THEN
      RAISE EXCEPTION 'wx_transition has no "%" to read from the settings', v_from[i];
    END IF;
    v_new := replace(v_new, v_from[i], v_to[i]);
  END LOOP;
  EXECUTE v_new;
END
$$;

-- As in 005, with the number of days from the settings.
CREATE OR REPLACE FUNCTION wx_escalate_undiagnosed(p_now timestamptz DEFAULT now())
  RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  r record;
  n integer := 0;
  v_days integer := wx_setting('escalation.undiagnosed_days', '7')::integer;
BEGIN
  FOR r IN
    SELECT o.id, o.state FROM service_orders o
     WHERE o.state IN ('received', 'inspecting', 'call_logged', 'onsite_dispatched', 'appointment_booked', 'on_site')
       AND o.received_at <= p_now - make_interval(days => v_days)
       AND NOT EXISTS (SELECT 1 FROM escalations x WHERE x.order_id = o.id AND x.trigger = 'no_diagnosis_week')
     ORDER BY o.id
     FOR UPDATE OF o SKIP LOCKED
  LOOP
    PERFORM wx_escalate_auto(r.id, r.state, 'no_diagnosis_week', v_days);
    n := n + 1;
  END LOOP;
  RETURN n;
END
$$;

-- ------------------------------------------------------------ live settings

-- One notification per statement on channel wx_settings; the payload is
-- the table that changed. Every client reloads what depends on it (the
-- clocks of the boards, the forms' header).
CREATE FUNCTION wx_notify_settings() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('wx_settings', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER settings_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON settings
  FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_settings();
CREATE TRIGGER business_hours_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON business_hours
  FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_settings();
CREATE TRIGGER calendar_days_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_days
  FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_settings();
CREATE TRIGGER sla_thresholds_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sla_thresholds
  FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_settings();
CREATE TRIGGER staff_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff
  FOR EACH STATEMENT EXECUTE FUNCTION wx_notify_settings();

-- A holiday or make-up day has a name people read on the calendar.
ALTER TABLE calendar_days ADD CONSTRAINT calendar_days_name_check
  CHECK (name = btrim(name) AND length(name) <= 60);

-- ------------------------------------------------------------ staff accounts

-- A password as the client sends it: a SCRAM-SHA-256 verifier made by
-- PQencryptPasswordConn, never the password itself.
CREATE FUNCTION wx_password_hashed(p_hash text) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS $$
    SELECT p_hash ~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$'
  $$;

-- The staff member `p_role` whose login an administrator may change: a
-- login role of the staff table, not a superuser, not the caller.
CREATE FUNCTION wx_staff_changeable(p_role name) RETURNS void
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM staff s JOIN pg_roles r ON r.rolname = s.role_name
                  WHERE s.role_name = p_role AND NOT r.rolsuper) THEN
    RAISE EXCEPTION 'no staff member %', p_role
      USING ERRCODE = 'no_data_found', CONSTRAINT = 'staff_unknown';
  END IF;
END
$$;

-- A new staff member (wx_staff_add of 003 does the work): a password, if
-- any, must come hashed (wx_password_hashed); the name must be free.
CREATE FUNCTION wx_staff_create(p_role name, p_full_name text, p_groups text[], p_password text DEFAULT NULL)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF p_role !~ '^[a-z][a-z0-9_]{0,62}$' OR p_role LIKE 'wx\_%' OR p_role LIKE 'pg\_%' THEN
    RAISE EXCEPTION 'invalid staff user name: %', p_role
      USING ERRCODE = 'invalid_parameter_value', CONSTRAINT = 'staff_login_name';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_role) THEN
    RAISE EXCEPTION 'a user named % already exists', p_role
      USING ERRCODE = 'duplicate_object', CONSTRAINT = 'staff_login_taken';
  END IF;
  IF p_groups IS NULL OR cardinality(p_groups) = 0 THEN
    RAISE EXCEPTION 'no roles for %', p_role
      USING ERRCODE = 'invalid_parameter_value', CONSTRAINT = 'staff_groups';
  END IF;
  IF p_password IS NOT NULL AND NOT wx_password_hashed(p_password) THEN
    RAISE EXCEPTION 'the password of % must be sent hashed (scram-sha-256)', p_role
      USING ERRCODE = 'invalid_parameter_value', CONSTRAINT = 'staff_password_hashed';
  END IF;
  PERFORM wx_staff_add(p_role, p_full_name, p_groups, p_password);
END
$$;

-- A new password (hashed by the client) for staff member `p_role`.
CREATE FUNCTION wx_staff_set_password(p_role name, p_password text)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM wx_staff_changeable(p_role);
  IF p_password IS NULL OR NOT wx_password_hashed(p_password) THEN
    RAISE EXCEPTION 'the password of % must be sent hashed (scram-sha-256)', p_role
      USING ERRCODE = 'invalid_parameter_value', CONSTRAINT = 'staff_password_hashed';
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', p_role, p_password);
END
$$;

-- Disables (the login is refused; events and reports keep the name) or
-- enables staff member `p_role` again. Nobody disables their own login.
CREATE FUNCTION wx_staff_set_active(p_role name, p_active boolean)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM wx_staff_changeable(p_role);
  IF NOT p_active AND p_role = session_user THEN
    RAISE EXCEPTION 'you cannot disable your own login'
      USING ERRCODE = 'invalid_parameter_value', CONSTRAINT = 'staff_disable_self';
  END IF;
  EXECUTE format(CASE WHEN p_active THEN 'ALTER ROLE %I LOGIN' ELSE 'ALTER ROLE %I NOLOGIN' END, p_role);
  UPDATE staff SET active = p_active WHERE role_name = p_role;
END
$$;

-- ------------------------------------------------------------ grants
REVOKE ALL ON FUNCTION wx_notify_settings(), wx_check_setting_more(), wx_password_hashed(text),
  wx_staff_changeable(name), wx_staff_create(name, text, text[], text),
  wx_staff_set_password(name, text), wx_staff_set_active(name, boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_notify_settings(), wx_check_setting_more(), wx_password_hashed(text)
  TO wx_coordinator, wx_engineer, wx_supervisor, wx_admin;
GRANT EXECUTE ON FUNCTION wx_staff_create(name, text, text[], text), wx_staff_set_password(name, text),
  wx_staff_set_active(name, boolean) TO wx_admin;
-- Admins add staff through wx_staff_create only: no clear password.
REVOKE EXECUTE ON FUNCTION wx_staff_add(name, text, text[], text) FROM wx_admin;
