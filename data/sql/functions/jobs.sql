-- jobs.sql — what `weixiu-admin jobs run` (src/cli/wx-admin-jobs.c) calls
-- besides the sweeps of workflow.sql and feedback.sql: the escalation of a
-- visit that lasts too long, the job log and the report archive.

-- An engineer arrived on site (the order's last `arrive` step) more than
-- escalation.on_site_hours ago and the order is still on site, no outcome
-- recorded: it is escalated once per arrival. As of `p_now`, the owner's
-- (the jobs and tests); staff use the version below.
CREATE OR REPLACE FUNCTION wx_escalate_on_site_at(p_now timestamptz)
  RETURNS integer LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  r record;
  n integer := 0;
  v_hours integer := wx_setting('escalation.on_site_hours', '4')::integer;
BEGIN
  FOR r IN
    SELECT o.id, o.state, a.id AS arrival, a.at, coalesce(o.engineer, a.actor) AS engineer
      FROM service_orders o
     CROSS JOIN LATERAL (SELECT e.id, e.at, e.actor FROM order_events e
                          WHERE e.order_id = o.id AND e.event = 'arrive'
                          ORDER BY e.at DESC, e.id DESC LIMIT 1) a
     WHERE o.state = 'on_site' AND a.at <= p_now - make_interval(hours => v_hours)
       AND NOT EXISTS (SELECT 1 FROM order_events e
                        WHERE e.order_id = o.id AND e.event = 'escalate'
                          AND e.payload ->> 'trigger' = 'on_site_long'
                          AND e.payload ->> 'arrival' = a.id::text)
     ORDER BY o.id
     FOR UPDATE OF o SKIP LOCKED
  LOOP
    PERFORM wx_escalate_auto(r.id, r.state, 'on_site_long', v_hours,
                             jsonb_build_object('arrival', r.arrival, 'engineer', r.engineer, 'arrived_at', r.at),
                             r.engineer || ' · ' || v_hours::text || ' h');
    n := n + 1;
  END LOOP;
  RETURN n;
END
$$;

CREATE OR REPLACE FUNCTION wx_escalate_on_site() RETURNS integer
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT wx_escalate_on_site_at(now())
$$;

-- One run of one job: what it did, or the sentence of its failure. The
-- log keeps 90 days.
CREATE OR REPLACE FUNCTION wx_job_record(p_job text, p_started timestamptz, p_ok boolean, p_detail text)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT pg_has_role(wx_caller(), 'wx_admin', 'MEMBER') THEN
    RAISE EXCEPTION 'only an administrator runs the jobs' USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO job_runs (job, started_at, ok, detail, actor)
    VALUES (p_job, p_started, p_ok, coalesce(left(p_detail, 500), ''), wx_caller());
  DELETE FROM job_runs WHERE finished_at < now() - interval '90 days';
END
$$;

-- Archives a report once: true when stored, false when that period and
-- format already were (an overlapping run, or a run after a restart).
CREATE OR REPLACE FUNCTION wx_report_archive_put(p_kind text, p_period text, p_format text, p_content bytea)
  RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_id bigint;
BEGIN
  IF NOT pg_has_role(wx_caller(), 'wx_admin', 'MEMBER') THEN
    RAISE EXCEPTION 'only an administrator archives reports' USING ERRCODE = 'insufficient_privilege';
  END IF;
  INSERT INTO report_archive (kind, period, format, content, made_by)
    VALUES (p_kind, p_period, p_format, p_content, wx_caller())
    ON CONFLICT (kind, period, format) DO NOTHING
    RETURNING id INTO v_id;
  RETURN v_id IS NOT NULL;
END
$$;

REVOKE ALL ON FUNCTION wx_escalate_on_site_at(timestamptz), wx_escalate_on_site(),
  wx_job_record(text, timestamptz, boolean, text),
  wx_report_archive_put(text, text, text, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION wx_escalate_on_site() TO wx_supervisor, wx_admin;
GRANT EXECUTE ON FUNCTION wx_job_record(text, timestamptz, boolean, text),
  wx_report_archive_put(text, text, text, bytea) TO wx_admin;
