-- 023_jobs.sql — the periodic jobs of `weixiu-admin jobs run` (issue 19):
-- what each run did (job_runs), the archived weekly and monthly reports
-- (report_archive), and the escalation of an engineer on site too long.
--
-- Both tables are written only by the jobs, through wx_job_record and
-- wx_report_archive_put (functions/jobs.sql), as the database owner or an
-- administrator; the supervisor reads them.

CREATE TABLE job_runs (
  id          bigserial PRIMARY KEY,
  job         text NOT NULL CHECK (job ~ '^[a-z_]+$'),
  started_at  timestamptz NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT now(),
  ok          boolean NOT NULL,
  detail      text NOT NULL DEFAULT '',
  actor       name NOT NULL DEFAULT current_user,
  CHECK (finished_at >= started_at)
);
CREATE INDEX job_runs_job_idx ON job_runs (job, finished_at DESC);

CREATE TABLE report_archive (
  id        bigserial PRIMARY KEY,
  kind      text NOT NULL CHECK (kind IN ('weekly', 'monthly')),
  period    text NOT NULL CHECK (period ~ '^[0-9]{4}-(W[0-9]{2}|[0-9]{2})$'),
  format    text NOT NULL CHECK (format IN ('pdf', 'xlsx')),
  content   bytea NOT NULL CHECK (length(content) > 0),
  made_at   timestamptz NOT NULL DEFAULT now(),
  made_by   name NOT NULL DEFAULT current_user,
  UNIQUE (kind, period, format)
);

REVOKE ALL ON job_runs, report_archive FROM PUBLIC;
GRANT SELECT ON job_runs, report_archive TO wx_supervisor, wx_admin;

-- An engineer on site for more than escalation.on_site_hours (default 4)
-- with no outcome recorded reaches the supervisor's inbox.
ALTER TABLE escalations DROP CONSTRAINT escalations_trigger_check;
ALTER TABLE escalations ADD CONSTRAINT escalations_trigger_check
  CHECK (trigger IN ('manual', 'two_visits', 'two_part_orders', 'no_diagnosis_week', 'cluster', 'part_overdue',
                     'late_decision', 'on_site_long'));

INSERT INTO settings (key, value, description) VALUES
  ('escalation.on_site_hours', '4', 'Hours an engineer may be on site with no outcome before the order is escalated')
  ON CONFLICT (key) DO NOTHING;
