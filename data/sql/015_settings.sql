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

-- wx_check_setting_more: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_check_setting_more() RETURNS trigger
  LANGUAGE plpgsql AS $$ BEGIN RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END; END $$;

CREATE TRIGGER settings_check_more BEFORE INSERT OR UPDATE ON settings
  FOR EACH ROW EXECUTE FUNCTION wx_check_setting_more();

-- ------------------------------------------------------------ escalation thresholds

-- The workflow's automatic escalations (wx_transition) compare with these
-- settings instead of the number 2 (data/sql/functions/workflow.sql).

-- wx_escalate_undiagnosed: the current text is in data/sql/functions/ (HACKING.md).
CREATE OR REPLACE FUNCTION wx_escalate_undiagnosed(p_now timestamptz DEFAULT now())
  RETURNS integer LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'replaced by data/sql/functions'; END $$;

-- ------------------------------------------------------------ live settings

-- wx_notify_settings: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_notify_settings() RETURNS trigger
  LANGUAGE plpgsql AS $$ BEGIN RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END; END $$;

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

-- wx_password_hashed: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_password_hashed(p_hash text) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS $$ SELECT NULL::boolean $$;

-- wx_staff_changeable: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_staff_changeable(p_role name) RETURNS void
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$ BEGIN RAISE EXCEPTION 'replaced by data/sql/functions'; END $$;

-- wx_staff_create: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_staff_create(p_role name, p_full_name text, p_groups text[], p_password text DEFAULT NULL)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$ BEGIN RAISE EXCEPTION 'replaced by data/sql/functions'; END $$;

-- wx_staff_set_password: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_staff_set_password(p_role name, p_password text)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$ BEGIN RAISE EXCEPTION 'replaced by data/sql/functions'; END $$;

-- wx_staff_set_active: the current text is in data/sql/functions/ (HACKING.md).
CREATE FUNCTION wx_staff_set_active(p_role name, p_active boolean)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$ BEGIN RAISE EXCEPTION 'replaced by data/sql/functions'; END $$;

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
