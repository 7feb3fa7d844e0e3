-- functions/staff.sql — staff accounts.
-- Re-created by every migrate after the numbered migrations (HACKING.md):
-- edit the function here, never in a migration.

-- Staff accounts: one PostgreSQL login role per person, in one or more groups.
CREATE OR REPLACE FUNCTION wx_staff_add(p_role name, p_full_name text, p_groups text[], p_password text DEFAULT NULL)
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  g text;
BEGIN
  IF p_role !~ '^[a-z_][a-z0-9_]{0,62}$' OR p_role LIKE 'wx\_%' OR p_role LIKE 'pg\_%' THEN
    RAISE EXCEPTION 'invalid staff user name: %', p_role
      USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use lower-case letters, digits and underscores, starting with a letter.';
  END IF;
  IF p_groups IS NULL OR cardinality(p_groups) = 0
     OR NOT p_groups <@ ARRAY['wx_coordinator', 'wx_engineer', 'wx_supervisor', 'wx_admin'] THEN
    RAISE EXCEPTION 'invalid roles for %: %', p_role, p_groups
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_role) THEN
    RAISE EXCEPTION 'a user named % already exists', p_role USING ERRCODE = 'duplicate_object';
  END IF;
  IF p_password IS NULL THEN
    EXECUTE format('CREATE ROLE %I LOGIN', p_role);
  ELSE
    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', p_role, p_password);
  END IF;
  FOREACH g IN ARRAY p_groups LOOP
    EXECUTE format('GRANT %I TO %I', g, p_role);
  END LOOP;
  INSERT INTO staff (role_name, full_name) VALUES (p_role, p_full_name);
END
$$;

-- Makes sure a login role exists for a staff member, in (at least) the given
-- groups, with a staff row: the private server's user and the demo staff.
-- Owner only: it can create roles without an admin's check of the name.
CREATE OR REPLACE FUNCTION wx_staff_ensure(p_role name, p_full_name text, p_groups text[])
  RETURNS void
  LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  g text;
BEGIN
  IF p_groups IS NULL OR NOT p_groups <@ ARRAY['wx_coordinator', 'wx_engineer', 'wx_supervisor', 'wx_admin'] THEN
    RAISE EXCEPTION 'invalid roles for %: %', p_role, p_groups USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_role) THEN
    EXECUTE format('CREATE ROLE %I LOGIN', p_role);
  END IF;
  FOREACH g IN ARRAY p_groups LOOP
    IF NOT pg_has_role(p_role, g, 'MEMBER') THEN
      EXECUTE format('GRANT %I TO %I', g, p_role);
    END IF;
  END LOOP;
  INSERT INTO staff (role_name, full_name) VALUES (p_role, p_full_name)
    ON CONFLICT (role_name) DO NOTHING;
END
$$;

-- A password as the client sends it: a SCRAM-SHA-256 verifier made by
-- PQencryptPasswordConn, never the password itself.
CREATE OR REPLACE FUNCTION wx_password_hashed(p_hash text) RETURNS boolean
  LANGUAGE sql IMMUTABLE AS $$
    SELECT p_hash ~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$'
  $$;

-- The staff member `p_role` whose login an administrator may change: a
-- login role of the staff table, not a superuser, not the caller.
CREATE OR REPLACE FUNCTION wx_staff_changeable(p_role name) RETURNS void
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
CREATE OR REPLACE FUNCTION wx_staff_create(p_role name, p_full_name text, p_groups text[], p_password text DEFAULT NULL)
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
CREATE OR REPLACE FUNCTION wx_staff_set_password(p_role name, p_password text)
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
CREATE OR REPLACE FUNCTION wx_staff_set_active(p_role name, p_active boolean)
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

-- The roles of staff member `p_role`, changed by an administrator (the
-- function checks, beside its grant): `p_groups`, at least one of the four
-- groups. An administrator does not take their own administrator role
-- away (nobody else might be left to give it back). Every client reloads
-- the staff (channel wx_settings).
CREATE OR REPLACE FUNCTION wx_staff_set_groups(p_role name, p_groups text[])
  RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  g text;
BEGIN
  IF NOT pg_has_role(wx_caller(), 'wx_admin', 'MEMBER') THEN
    RAISE EXCEPTION 'only an administrator changes roles'
      USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'staff_admin_only';
  END IF;
  PERFORM wx_staff_changeable(p_role);
  IF p_groups IS NULL OR cardinality(p_groups) = 0
     OR NOT p_groups <@ ARRAY['wx_coordinator', 'wx_engineer', 'wx_supervisor', 'wx_admin'] THEN
    RAISE EXCEPTION 'no roles for %', p_role
      USING ERRCODE = 'invalid_parameter_value', CONSTRAINT = 'staff_groups';
  END IF;
  IF p_role = wx_caller() AND NOT 'wx_admin' = ANY (p_groups) THEN
    RAISE EXCEPTION 'you cannot take your own administrator role away'
      USING ERRCODE = 'invalid_parameter_value', CONSTRAINT = 'staff_demote_self';
  END IF;
  FOREACH g IN ARRAY ARRAY['wx_coordinator', 'wx_engineer', 'wx_supervisor', 'wx_admin'] LOOP
    IF g = ANY (p_groups) AND NOT pg_has_role(p_role, g, 'MEMBER') THEN
      EXECUTE format('GRANT %I TO %I', g, p_role);
    ELSIF NOT g = ANY (p_groups) AND pg_has_role(p_role, g, 'MEMBER') THEN
      EXECUTE format('REVOKE %I FROM %I', g, p_role);
    END IF;
  END LOOP;
  PERFORM pg_notify('wx_settings', 'staff');
END
$$;

REVOKE ALL ON FUNCTION wx_staff_set_groups(name, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_staff_set_groups(name, text[]) TO wx_admin;
