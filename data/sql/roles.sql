-- The staff's group roles. Roles belong to the cluster, not to a database, so
-- this runs (idempotently) before migrations and before a restore.
DO $$
DECLARE
  g text;
BEGIN
  FOREACH g IN ARRAY ARRAY['wx_coordinator', 'wx_engineer', 'wx_supervisor', 'wx_admin'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = g) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', g);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;   -- another database of this cluster created it at the same moment
      END;
    END IF;
  END LOOP;
END
$$;
